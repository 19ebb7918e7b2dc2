package dev.concord.user;

import dev.concord.web.DomainException;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Users, passwords, sessions and API tokens. Owns the transactions of the user package. */
@ApplicationScoped
public class UserService {
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final int MIN_PASSWORD = 8;
    /** Failed logins for one username from one client address before it must wait. */
    static final int MAX_FAILURES = 5;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);

    private final EntityManager em;
    private final Duration sessionTimeout;

    public UserService(EntityManager em,
                       @ConfigProperty(name = "concord.session.timeout") Duration sessionTimeout) {
        this.em = em;
        this.sessionTimeout = sessionTimeout;
    }

    public record NewUser(String username, String password, Set<User.Role> roles) {}

    @Transactional
    public User create(NewUser request) {
        validateUsername(request.username());
        validatePassword(request.password());
        if (request.roles() == null || request.roles().isEmpty()) {
            throw new DomainException.BadInput("Give the user at least one role: ADMIN, SME or LABELER.");
        }
        if (User.findByUsername(request.username()).isPresent()) {
            throw new DomainException.Conflict("The username '" + request.username() + "' is taken.");
        }
        return User.create(request.username(), request.password(), EnumSet.copyOf(request.roles()));
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
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 200) {
            throw new DomainException.BadInput("A password needs at least " + MIN_PASSWORD + " characters (at most 200).");
        }
    }

    public List<User> list() {
        return User.list("order by username");
    }

    /** Checks a password for the login form. Throttles per username and client address. */
    @Transactional
    public Optional<User> checkLogin(String username, String password, String client) {
        Instant since = Instant.now().minus(FAILURE_WINDOW);
        long failures = em.createQuery("select count(a) from LoginAttempt a where a.username = ?1 and a.client = ?2 and a.at > ?3", Long.class)
                .setParameter(1, String.valueOf(username)).setParameter(2, client).setParameter(3, since).getSingleResult();
        if (failures >= MAX_FAILURES) {
            throw new DomainException.TooManyRequests("Too many failed logins for this account from here; wait 15 minutes and try again.");
        }
        Optional<User> user = username == null ? Optional.empty() : User.findByUsername(username);
        boolean ok = user.isPresent() && user.get().canLogIn() && password != null
                && BcryptUtil.matches(password, user.get().passwordHash);
        if (!ok) {
            LoginAttempt attempt = new LoginAttempt();
            attempt.username = username == null ? "" : username.substring(0, Math.min(64, username.length()));
            attempt.client = client;
            attempt.at = Instant.now();
            attempt.persist();
            return Optional.empty();
        }
        LoginAttempt.delete("username = ?1 and client = ?2", username, client);
        return user;
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

    @Transactional
    public void changePassword(long userId, String current, String next) {
        User user = User.findById(userId);
        if (user == null || !BcryptUtil.matches(String.valueOf(current), user.passwordHash)) {
            throw new DomainException.BadInput("The current password is not right.");
        }
        validatePassword(next);
        user.setPassword(next);
        UserSession.endAllFor(user.id);
    }

    @Transactional
    public User setEnabled(String username, boolean enabled) {
        User user = User.findByUsername(username).orElseThrow(() -> new DomainException.NotFound("No user '" + username + "'."));
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

    /** Sets a new random password, ends the user's sessions, and returns the password (shown once). */
    @Transactional
    public String resetPassword(String username) {
        User user = User.findByUsername(username).filter(u -> !u.external)
                .orElseThrow(() -> new DomainException.NotFound("No user '" + username + "' who can log in."));
        String password = generatePassword();
        user.setPassword(password);
        UserSession.endAllFor(user.id);
        return password;
    }

    @Transactional
    public User setRoles(String username, Set<User.Role> roles, long actingUserId) {
        if (roles == null || roles.isEmpty()) throw new DomainException.BadInput("Give the user at least one role: ADMIN, SME or LABELER.");
        User user = User.findByUsername(username).orElseThrow(() -> new DomainException.NotFound("No user '" + username + "'."));
        if (user.id == actingUserId && user.has(User.Role.ADMIN) && !roles.contains(User.Role.ADMIN)) {
            throw new DomainException.BadInput("You cannot take the ADMIN role from yourself; ask another admin.");
        }
        user.roles = User.Role.join(EnumSet.copyOf(roles));
        UserSession.endAllFor(user.id);
        return user;
    }

    public record Onboarded(String username, String password) {}

    /**
     * Creates a cohort of labelers, all or nothing: every unusable, repeated or taken name is
     * reported together. Returns each new user with a random password, to be shown once.
     */
    @Transactional
    public List<Onboarded> onboardCohort(List<String> usernames) {
        List<Map<String, Object>> problems = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        int line = 0;
        for (String name : usernames) {
            line++;
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
            User.create(name, password, EnumSet.of(User.Role.LABELER));
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
