package dev.concord.user;

import dev.concord.base.ConcordConfig;
import dev.concord.base.DomainException;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Users, passwords, sessions and API tokens. Owns the transactions of the user package. */
@ApplicationScoped
public class UserService {
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final int MIN_PASSWORD = 8;
    /** bcrypt reads at most this many bytes of a password; a longer one would be accepted with any ending. */
    public static final int MAX_PASSWORD_BYTES = 72;
    /** Failed logins for one username from one client address before that pair must wait. */
    static final int MAX_FAILURES = 5;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    /**
     * A hash of a secret nobody holds, checked when the username is unknown so that an unknown
     * name costs the same bcrypt work as a wrong password (the time does not tell which names exist).
     * Same cost factor as every stored hash.
     */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash(Tokens.newSecret("dummy_"));

    private final EntityManager em;
    private final Duration sessionTimeout;
    private final int maxFailuresPerAddress;

    public UserService(EntityManager em, ConcordConfig config) {
        this.em = em;
        this.sessionTimeout = config.session().timeout();
        this.maxFailuresPerAddress = config.login().maxFailuresPerAddress();
    }

    /** A new account; with a one-time password (generated, handed over by an admin) its owner must choose their own at first login. */
    public record NewUser(String username, String password, Set<User.Role> roles, boolean oneTimePassword) {
        public NewUser(String username, String password, Set<User.Role> roles) {
            this(username, password, roles, false);
        }
    }

    @Transactional
    public User create(NewUser request) {
        validateUsername(request.username());
        validatePassword(request.password());
        validateRoles(request.roles());
        if (User.findByUsername(request.username()).isPresent()) {
            throw new DomainException.Conflict("The username '" + request.username() + "' is taken.");
        }
        User user = User.create(request.username(), request.password(), EnumSet.copyOf(request.roles()));
        user.mustChangePassword = request.oneTimePassword();
        return user;
    }

    /** Finds or creates the external labeler for imported annotations (no login possible). */
    @Transactional(Transactional.TxType.MANDATORY)
    public User externalLabeler(String username) {
        validateUsername(username);
        return User.findByUsername(username).orElseGet(() -> User.createExternal(username));
    }

    public static void validateUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new DomainException.BadInput("A username is 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
    }

    public static void validatePassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new DomainException.BadInput("A password needs at least " + MIN_PASSWORD + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new DomainException.BadInput("A password can be at most " + MAX_PASSWORD_BYTES
                    + " bytes long (72 plain letters and digits; accented letters and emoji count as 2 to 4): bcrypt ignores the rest.");
        }
    }

    /** At least one role, and no empty entry (JSON {@code "roles":[null]}). */
    static void validateRoles(Set<User.Role> roles) {
        if (roles == null || roles.isEmpty() || roles.stream().anyMatch(Objects::isNull)) {
            throw new DomainException.BadInput("Give the user at least one role: ADMIN, SME or LABELER (no empty entries).");
        }
    }

    public List<User> list() {
        return User.list("order by username");
    }

    /**
     * Checks a password, for the login form and HTTP Basic alike. Throttled per (username, client
     * address) and per address: an address that guesses gets locked out, but it cannot lock an
     * account for people elsewhere. An unknown or disabled user costs the same bcrypt check as a
     * wrong password.
     */
    @Transactional
    public Optional<User> checkLogin(String username, String password, String client) {
        String name = username == null ? "" : username.substring(0, Math.min(64, username.length()));
        Instant since = Instant.now().minus(FAILURE_WINDOW);
        long fromAddress = em.createQuery("select count(a) from LoginAttempt a where a.client = ?1 and a.at > ?2", Long.class)
                .setParameter(1, client).setParameter(2, since).getSingleResult();
        if (fromAddress >= maxFailuresPerAddress) {
            throw new DomainException.TooManyRequests("Too many failed logins from this address; wait 15 minutes and try again.");
        }
        long forAccount = em.createQuery("select count(a) from LoginAttempt a where a.username = ?1 and a.client = ?2 and a.at > ?3", Long.class)
                .setParameter(1, name).setParameter(2, client).setParameter(3, since).getSingleResult();
        if (forAccount >= MAX_FAILURES) {
            throw new DomainException.TooManyRequests("Too many failed logins for this account from this address; wait 15 minutes and try again.");
        }
        Optional<User> user = username == null ? Optional.empty() : User.findByUsername(username);
        boolean matches = passwordMatches(password, user.map(u -> u.passwordHash).orElse(null));
        if (!matches || !user.get().canLogIn()) {
            LoginAttempt attempt = new LoginAttempt();
            attempt.username = name;
            attempt.client = client;
            attempt.at = Instant.now();
            attempt.persist();
            return Optional.empty();
        }
        // Most logins (every Basic request) follow no failure: only then is there anything to forget.
        if (forAccount > 0) LoginAttempt.delete("username = ?1 and client = ?2", name, client);
        return user;
    }

    /** Always one bcrypt check: against the dummy hash when there is no stored one. */
    static boolean passwordMatches(String password, String storedHash) {
        boolean matches = BcryptUtil.matches(password == null ? "" : password, storedHash == null ? DUMMY_HASH : storedHash);
        return matches && storedHash != null && password != null;
    }

    /** Starts a browser session and returns the cookie secret (stored only as its hash). */
    @Transactional
    public String startSession(User user) {
        String secret = Tokens.newSecret("s_");
        UserSession session = new UserSession();
        session.tokenHash = Tokens.sha256(secret);
        session.userId = user.id;
        session.createdAt = Instant.now();
        session.expiresAt = session.createdAt.plus(sessionTimeout);
        session.persist();
        UserSession.delete("userId = ?1 and expiresAt < ?2", user.id, Instant.now());
        return secret;
    }

    @Transactional
    public void endSession(String secret) {
        if (secret != null) UserSession.deleteById(Tokens.sha256(secret));
    }

    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    /**
     * Changes one's own password: needs the current one. Ends every session and revokes every API
     * token of the user (whoever held an old credential loses it), and clears the one-time flag.
     */
    @Transactional
    public void changePassword(long userId, String current, String next) {
        User user = User.findById(userId);
        if (user == null || !BcryptUtil.matches(String.valueOf(current), user.passwordHash)) {
            throw new DomainException.BadInput("The current password is not right.");
        }
        validatePassword(next);
        user.setPassword(next);
        user.mustChangePassword = false;
        endCredentials(user);
    }

    /** Ends the user's sessions and revokes their API tokens. */
    private static void endCredentials(User user) {
        UserSession.endAllFor(user.id);
        ApiToken.revokeAllFor(user.id);
    }

    /** Enables or disables an account; nobody disables their own (an admin could lock everyone out). */
    @Transactional
    public User setEnabled(String username, boolean enabled, long actingUserId) {
        User user = User.findByUsername(username).orElseThrow(() -> new DomainException.NotFound("No user '" + username + "'."));
        if (!enabled && user.id == actingUserId) {
            throw new DomainException.BadInput("You cannot disable your own account; ask another admin.");
        }
        user.enabled = enabled;
        if (!enabled) UserSession.endAllFor(user.id);
        return user;
    }

    public record CreatedToken(long id, String name, String token, String prefix, Instant createdAt) {}

    @Transactional
    public CreatedToken createToken(long userId, String name) {
        String label = name == null || name.isBlank() ? "token" : name.strip();
        if (label.length() > 100) throw new DomainException.BadInput("A token name has at most 100 characters.");
        String secret = Tokens.newSecret("cnc_");
        ApiToken token = new ApiToken();
        token.userId = userId;
        token.name = label;
        token.tokenHash = Tokens.sha256(secret);
        token.prefix = secret.substring(0, 10);
        token.createdAt = Instant.now();
        token.persist();
        return new CreatedToken(token.id, token.name, secret, token.prefix, token.createdAt);
    }

    /** The caller's active token with this secret, as when it was created (to show its secret once). */
    public java.util.Optional<CreatedToken> createdToken(long userId, String secret) {
        return ApiToken.<ApiToken>find("userId = ?1 and tokenHash = ?2 and revokedAt is null", userId, Tokens.sha256(secret))
                .firstResultOptional()
                .map(token -> new CreatedToken(token.id, token.name, secret, token.prefix, token.createdAt));
    }

    @Transactional
    public void revokeToken(long userId, long tokenId) {
        ApiToken token = ApiToken.findById(tokenId);
        if (token == null || token.userId != userId || token.revokedAt != null) {
            throw new DomainException.NotFound("You have no active token with id " + tokenId + ".");
        }
        token.revokedAt = Instant.now();
    }

    /** A readable random password (no look-alike characters), for resets and cohort onboarding. */
    public static String generatePassword() {
        String alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        java.security.SecureRandom random = new java.security.SecureRandom();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            if (i > 0 && i % 5 == 4) out.append('-');
            else out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /**
     * Sets a new one-time password (the user must choose their own at next login), ends the user's
     * sessions, revokes their API tokens, and returns the password (shown once).
     */
    @Transactional
    public String resetPassword(String username) {
        User user = User.findByUsername(username).filter(u -> !u.external)
                .orElseThrow(() -> new DomainException.NotFound("No user '" + username + "' who can log in."));
        String password = generatePassword();
        user.setPassword(password);
        user.mustChangePassword = true;
        endCredentials(user);
        return password;
    }

    @Transactional
    public User setRoles(String username, Set<User.Role> roles, long actingUserId) {
        validateRoles(roles);
        User user = User.findByUsername(username).orElseThrow(() -> new DomainException.NotFound("No user '" + username + "'."));
        if (user.id == actingUserId && user.has(User.Role.ADMIN) && !roles.contains(User.Role.ADMIN)) {
            throw new DomainException.BadInput("You cannot take the ADMIN role from yourself; ask another admin.");
        }
        user.roles = User.Role.join(EnumSet.copyOf(roles));
        UserSession.endAllFor(user.id);
        return user;
    }

    public record Onboarded(String username, String password) {}

    /** A name of a cohort list and the line of the list it is on (for messages). */
    public record CohortName(long line, String username) {}

    /**
     * Creates a cohort of labelers, all or nothing: every unusable, repeated or taken name is
     * reported together. Returns each new user with a random password, to be shown once.
     */
    @Transactional
    public List<Onboarded> onboardCohort(List<CohortName> names) {
        List<Map<String, Object>> problems = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<String> usernames = names.stream().map(CohortName::username).toList();
        for (CohortName cohortName : names) {
            String name = cohortName.username();
            long line = cohortName.line();
            if (name == null || !USERNAME.matcher(name).matches()) {
                problems.add(Map.of("line", line, "message", "'" + name + "' is not a usable username (letters, digits, '.', '_', '-').")); 
            } else if (!seen.add(name)) {
                problems.add(Map.of("line", line, "message", "'" + name + "' appears twice."));
            } else if (User.findByUsername(name).isPresent()) {
                problems.add(Map.of("line", line, "message", "'" + name + "' already has an account."));
            }
        }
        if (usernames.isEmpty()) throw new DomainException.BadInput("The list holds no usernames.");
        if (!problems.isEmpty()) throw new DomainException.BadInput("bad_rows", problems.size() + " name(s) cannot be used; no account was created.", problems);
        List<Onboarded> created = new java.util.ArrayList<>();
        for (String name : usernames) {
            String password = generatePassword();
            User.create(name, password, EnumSet.of(User.Role.LABELER)).mustChangePassword = true;
            created.add(new Onboarded(name, password));
        }
        return created;
    }

    /** Creates "admin" from CONCORD_ADMIN_PASSWORD on first start; never overwrites an existing one. */
    @Transactional
    public boolean ensureAdmin(String password) {
        if (password == null || password.isBlank() || User.findByUsername("admin").isPresent()) return false;
        validatePassword(password);
        User.create("admin", password, EnumSet.of(User.Role.ADMIN, User.Role.SME));
        return true;
    }
}
