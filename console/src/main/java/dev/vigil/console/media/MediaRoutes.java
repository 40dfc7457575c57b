package dev.vigil.console.media;

import dev.vigil.console.api.ApiError;
import dev.vigil.console.auth.Guard;
import dev.vigil.console.auth.SignedInUser;
import dev.vigil.console.incident.IncidentAccess;
import dev.vigil.events.Sha256;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code GET /api/media/{sha256}}: an evidence picture from the folder where ingest keeps them,
 * content-addressed as {@code <dir>/<first two hex digits>/<sha256>.<jpg|png>}.
 */
public final class MediaRoutes {

    private final Path dir;
    private final Guard guard;
    private final IncidentAccess access;

    /**
     * @param dir the media folder; nullable when none is configured (every picture is 404)
     */
    public MediaRoutes(Path dir, Guard guard, IncidentAccess access) {
        this.dir = dir;
        this.guard = guard;
        this.access = access;
    }

    /** Adds the route. */
    public void register(Javalin app) {
        app.get("/api/media/{sha256}", this::get);
    }

    private void get(Context ctx) {
        SignedInUser user = guard.require(ctx, Guard.ANYONE);
        String hash = ctx.pathParam("sha256");
        if (!Sha256.isHex(hash)) {
            throw ApiError.invalid("sha256", "64 lowercase hex characters are required");
        }
        if (!access.seesMedia(user, hash)) {
            throw ApiError.forbidden("the picture is not evidence of one of your incidents");
        }
        if (dir == null) {
            throw ApiError.notFound("no media folder is configured");
        }
        for (String[] format : new String[][] {{"jpg", "image/jpeg"}, {"png", "image/png"}}) {
            Path file = dir.resolve(hash.substring(0, 2)).resolve(hash + "." + format[0]);
            if (Files.isRegularFile(file)) {
                try {
                    InputStream in = Files.newInputStream(file);
                    ctx.contentType(format[1])
                            .header("Cache-Control", "private, max-age=86400, immutable")
                            .header("X-Content-Type-Options", "nosniff")
                            .result(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return;
            }
        }
        throw ApiError.notFound("no picture " + hash);
    }
}
