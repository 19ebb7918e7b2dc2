package dev.concord.example;

import dev.concord.project.Project;
import java.util.Optional;

/**
 * Recognises media by its first bytes (magic numbers), never by its name. Only the types listed
 * here are accepted and served, so the Content-Type we send is always one of them.
 */
public final class MediaTypes {
    private MediaTypes() {}

    public static Optional<String> sniff(byte[] head, int n) {
        if (startsWith(head, n, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return Optional.of("image/png");
        if (startsWith(head, n, 0xFF, 0xD8, 0xFF)) return Optional.of("image/jpeg");
        if (startsWith(head, n, 'G', 'I', 'F', '8')) return Optional.of("image/gif");
        if (startsWith(head, n, 'R', 'I', 'F', 'F') && at(head, n, 8, 'W', 'E', 'B', 'P')) return Optional.of("image/webp");
        if (startsWith(head, n, 'R', 'I', 'F', 'F') && at(head, n, 8, 'W', 'A', 'V', 'E')) return Optional.of("audio/wav");
        if (startsWith(head, n, 'O', 'g', 'g', 'S')) return Optional.of("audio/ogg");
        if (startsWith(head, n, 'f', 'L', 'a', 'C')) return Optional.of("audio/flac");
        if (startsWith(head, n, 'I', 'D', '3')) return Optional.of("audio/mpeg");
        if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0) return Optional.of("audio/mpeg");
        return Optional.empty();
    }

    public static boolean fits(Project.Modality modality, String mediaType) {
        return switch (modality) {
            case IMAGE -> mediaType.startsWith("image/");
            case AUDIO -> mediaType.startsWith("audio/");
            default -> false;
        };
    }

    public static String describe(Project.Modality modality) {
        return modality == Project.Modality.IMAGE ? "a PNG, JPEG, GIF or WebP image" : "a WAV, MP3, OGG or FLAC audio file";
    }

    private static boolean startsWith(byte[] head, int n, int... magic) {
        return at(head, n, 0, magic);
    }

    private static boolean at(byte[] head, int n, int offset, int... magic) {
        if (n < offset + magic.length) return false;
        for (int i = 0; i < magic.length; i++) {
            if ((head[offset + i] & 0xFF) != magic[i]) return false;
        }
        return true;
    }
}
