package dev.concord.user;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.PasswordType;
import io.quarkus.security.jpa.Roles;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A person (or an external labeler imported with labels made elsewhere). Passwords are bcrypt,
 * checked by {@link UserService#checkLogin} for HTTP Basic and the login form alike (the
 * security-jpa annotations remain for its provider, which Concord's own one runs ahead of). Active-record Panache style,
 * as everywhere in Concord: finders are static methods on the entity.
 */
@Entity
@Table(name = "app_user")
@UserDefinition
public class User extends PanacheEntityBase {

    @Id
    @SequenceGenerator(name = "app_user_seq", sequenceName = "app_user_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "app_user_seq")
    public Long id;

    @Username
    public String username;

    @Password(PasswordType.MCF)
    @Column(name = "password_hash")
    public String passwordHash;

    @Roles
    public String roles;

    /** External labelers come from imported annotations and can never log in. */
    public boolean external;

    public boolean enabled = true;

    /** Set while the password is a one-time one an admin handed over: the owner must choose their own first. */
    @Column(name = "must_change_password")
    public boolean mustChangePassword;

    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<User> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    public static User create(String username, String password, Set<Role> roles) {
        User user = new User();
        user.username = username;
        user.passwordHash = BcryptUtil.bcryptHash(password);
        user.roles = Role.join(roles);
        user.createdAt = Instant.now();
        user.persist();
        return user;
    }

    /** An external labeler: a bcrypt hash of a secret nobody holds, and the external flag denies login. */
    public static User createExternal(String username) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        User user = create(username, Base64.getEncoder().encodeToString(secret), Set.of(Role.LABELER));
        user.external = true;
        return user;
    }

    public void setPassword(String password) {
        this.passwordHash = BcryptUtil.bcryptHash(password);
    }

    public Set<Role> roleSet() {
        return Role.parse(roles);
    }

    public boolean has(Role role) {
        return roleSet().contains(role);
    }

    public boolean canLogIn() {
        return enabled && !external;
    }

    public enum Role {
        ADMIN, SME, LABELER;

        public static String join(Set<Role> roles) {
            return roles.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
        }

        public static Set<Role> parse(String roles) {
            if (roles == null || roles.isBlank()) return Set.of();
            return Arrays.stream(roles.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(Role::valueOf).collect(Collectors.toCollection(LinkedHashSet::new));
        }
    }
}
