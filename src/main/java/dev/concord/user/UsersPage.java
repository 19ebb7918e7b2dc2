package dev.concord.user;

import dev.concord.base.CsvCells;
import dev.concord.base.DomainException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Users (ADMIN): list, create, enable/disable, reset password, roles, and cohort onboarding from
 * a CSV of usernames. Generated passwords are shown once and never stored in plain text.
 */
@Path("/admin/users")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("ADMIN")
class UsersPage {

    static final Map<String, String> FLASH = Map.of(
            "created", "The user was created.",
            "enabled", "The account is enabled.",
            "disabled", "The account is disabled; its sessions have ended.",
            "roles", "The roles were saved; the user's sessions have ended so they take effect at once.");

    /** What the create form sent back, with a message per field that was wrong. */
    public record UserForm(String username, Set<String> roles, Map<String, String> errors) {
        static UserForm empty() {
            return new UserForm("", Set.of("LABELER"), Map.of());
        }

        public boolean hasRole(String role) {
            return roles.contains(role);
        }
    }

    /** A credential to show once: a username, its new password, an optional email from the cohort file. */
    public record Credential(String username, String password, String email) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance users(List<User> users, UserForm form, List<Credential> credentials,
                                             String flash, String error, List<String> problems, long me);
    }

    private final UserService users;
    private final CurrentUser me;

    UsersPage(UserService users, CurrentUser me) {
        this.users = users;
        this.me = me;
    }

    @GET
    public TemplateInstance list(@QueryParam("done") String done) {
        return page(UserForm.empty(), List.of(), FLASH.get(done == null ? "" : done), null, List.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("username") String username, @FormParam("password") String password,
                           @FormParam("roles") List<String> roleNames) {
        Set<String> chosen = roleNames == null ? Set.of() : Set.copyOf(roleNames);
        Map<String, String> errors = new LinkedHashMap<>();
        Set<User.Role> roles = EnumSet.noneOf(User.Role.class);
        for (String r : chosen) {
            try {
                roles.add(User.Role.valueOf(r));
            } catch (IllegalArgumentException e) {
                errors.put("roles", "Unknown role '" + r + "'.");
            }
        }
        if (roles.isEmpty()) errors.put("roles", "Choose at least one role.");
        if (username == null || !UserService.USERNAME.matcher(username).matches()) {
            errors.put("username", "1–64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        boolean generated = password == null || password.isBlank();
        String secret = generated ? UserService.generatePassword() : password;
        try {
            UserService.validatePassword(secret);
        } catch (DomainException.BadInput e) {
            errors.put("password", e.getMessage() + " Or leave it empty to generate one.");
        }
        UserForm form = new UserForm(username == null ? "" : username, chosen, errors);
        if (!errors.isEmpty()) {
            return Response.status(400).entity(page(form, List.of(), null, "The user was not created: see the fields below.", List.of()).render()).build();
        }
        try {
            users.create(new UserService.NewUser(username, secret, roles, generated));
        } catch (DomainException e) {
            Map<String, String> fieldErrors = Map.of("username", e.getMessage());
            return Response.status(e.status()).entity(page(new UserForm(username, chosen, fieldErrors), List.of(), null, e.getMessage(), List.of()).render()).build();
        }
        if (generated) {
            return onceOnly(page(UserForm.empty(), List.of(new Credential(username, secret, null)), "The user was created with this password.", null, List.of()));
        }
        return Response.seeOther(URI.create("/admin/users?done=created")).build();
    }

    @POST
    @Path("{username}/enabled")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response enable(@PathParam("username") String username, @FormParam("enabled") boolean enabled) {
        users.setEnabled(username, enabled, me.id());
        return Response.seeOther(URI.create("/admin/users?done=" + (enabled ? "enabled" : "disabled"))).build();
    }

    @POST
    @Path("{username}/password")
    public Response resetPassword(@PathParam("username") String username) {
        String password = users.resetPassword(username);
        return onceOnly(page(UserForm.empty(), List.of(new Credential(username, password, null)),
                "A new password was set; the user's sessions have ended. Give them this password.", null, List.of()));
    }

    @POST
    @Path("{username}/roles")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response roles(@PathParam("username") String username, @FormParam("roles") List<String> roleNames) {
        Set<User.Role> roles = EnumSet.noneOf(User.Role.class);
        for (String r : roleNames == null ? List.<String>of() : roleNames) {
            try {
                roles.add(User.Role.valueOf(r));
            } catch (IllegalArgumentException e) {
                throw new DomainException.BadInput("Unknown role '" + r + "'.");
            }
        }
        users.setRoles(username, roles, me.id());
        return Response.seeOther(URI.create("/admin/users?done=roles")).build();
    }

    /** Cohort onboarding: a CSV (file or pasted) with a username column and an optional email column. */
    @POST
    @Path("cohort")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response cohort(@RestForm("file") FileUpload file, @RestForm("usernames") String pasted) {
        List<String[]> rows;
        try {
            String csv = file != null && file.size() > 0 ? readUtf8(file) : pasted;
            rows = parseCohort(csv == null ? "" : csv);
        } catch (DomainException.BadInput e) {
            return Response.status(400).entity(page(UserForm.empty(), List.of(), null, e.getMessage(), List.of()).render()).build();
        }
        try {
            List<UserService.Onboarded> created = users.onboardCohort(rows.stream()
                    .map(r -> new UserService.CohortName(Long.parseLong(r[2]), r[0])).toList());
            List<Credential> credentials = new ArrayList<>();
            for (int i = 0; i < created.size(); i++) {
                credentials.add(new Credential(created.get(i).username(), created.get(i).password(), rows.get(i)[1]));
            }
            return onceOnly(page(UserForm.empty(), credentials,
                    credentials.size() + " labelers were created. Download or copy the passwords now: they are shown only once.", null, List.of()));
        } catch (DomainException.BadInput e) {
            return Response.status(400).entity(page(UserForm.empty(), List.of(), null, e.getMessage(), e.sentences()).render()).build();
        }
    }

    /** The credentials just shown, as a CSV download (the browser sends back what it was shown). */
    @POST
    @Path("credentials.csv")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces("text/csv")
    public Response credentialsCsv(@FormParam("username") List<String> names, @FormParam("password") List<String> passwords,
                                   @FormParam("email") List<String> emails) {
        if (names == null || names.isEmpty() || passwords == null || names.size() != passwords.size()) {
            throw new DomainException.BadInput("Nothing to download.");
        }
        StringWriter out = new StringWriter();
        // Every cell comes back from the browser, so any may be a formula: all are made inert, header included.
        String[] header = {"username", "password", "email"};
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(CsvCells.inert(header)).get())) {
            for (int i = 0; i < names.size(); i++) {
                printer.printRecord((Object[]) CsvCells.inert(names.get(i), passwords.get(i), emails != null && i < emails.size() ? emails.get(i) : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.ok(out.toString()).header("Content-Disposition", "attachment; filename=\"concord-cohort.csv\"")
                .header("Cache-Control", "no-store").build();
    }

    /**
     * The uploaded file as UTF-8 text; any other encoding is refused rather than garbled. The byte
     * order mark that spreadsheets put before "CSV UTF-8" files is dropped.
     */
    static String readUtf8(FileUpload file) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file.uploadedFile()))).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new DomainException.BadInput("The cohort file is not UTF-8 text; save it as \"CSV UTF-8\" (or plain UTF-8 text) and upload it again.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String[]> parseCohort(String csv) {
        List<String[]> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(csv)).setFormat(CSVFormat.RFC4180.builder().setTrim(true).setIgnoreEmptyLines(true).get()).get()) {
            boolean first = true;
            for (CSVRecord record : parser) {
                String name = record.get(0);
                String email = record.size() > 1 ? record.get(1) : "";
                if (first && name.toLowerCase(Locale.ROOT).equals("username")) {
                    first = false;
                    continue;
                }
                first = false;
                if (name.isEmpty()) continue;
                rows.add(new String[] {name, email, String.valueOf(record.getRecordNumber())});
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new DomainException.BadInput("The cohort list is not valid CSV: one username per line, optionally followed by a comma and an email.");
        }
        if (rows.size() > 2000) throw new DomainException.BadInput("Onboard at most 2,000 users at a time.");
        return rows;
    }

    private Response onceOnly(TemplateInstance page) {
        return Response.ok(page.render()).header("Cache-Control", "no-store").build();
    }

    private TemplateInstance page(UserForm form, List<Credential> credentials, String flash, String error, List<String> problems) {
        return Templates.users(users.list(), form, credentials, flash, error, problems, me.id());
    }
}
