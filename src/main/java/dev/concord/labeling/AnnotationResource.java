package dev.concord.labeling;

import dev.concord.base.DomainException;
import dev.concord.example.AnnotationImport;
import dev.concord.example.TableFile;
import dev.concord.project.ProjectService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Labels made elsewhere: CSV {@code example,labeler,label}. */
@Path("/api/projects/{slug}/annotations")
@Produces(MediaType.APPLICATION_JSON)
class AnnotationResource {
    private final ProjectService projects;
    private final AnnotationImporter importer;

    AnnotationResource(ProjectService projects, AnnotationImporter importer) {
        this.projects = projects;
        this.importer = importer;
    }

    record Imported(int imported, int replaced) {}

    @POST
    @RolesAllowed("ADMIN")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importAnnotations(@PathParam("slug") String slug, @RestForm("file") FileUpload file) {
        var project = projects.visible(slug);
        if (file == null) throw new DomainException.BadInput("Send the CSV as a multipart form field named 'file'.");
        try (Reader reader = TableFile.open(file.uploadedFile())) {
            AnnotationImport.Result result = importer.importCsv(project, reader);
            return Response.status(201).entity(new Imported(result.imported(), result.replaced())).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
