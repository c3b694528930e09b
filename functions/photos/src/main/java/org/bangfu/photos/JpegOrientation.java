package org.bangfu.photos;

/**
 * Reads only the EXIF orientation tag (0x0112) of a JPEG's APP1 segment, so the copies can be
 * turned upright before every other piece of EXIF is thrown away. 1 (as stored) when absent or unreadable.
 */
final class JpegOrientation {
    private JpegOrientation() {
    }

    static int of(byte[] b) {
        try {
            if (b.length < 4 || (b[0] & 0xff) != 0xFF || (b[1] & 0xff) != 0xD8) return 1;
            int i = 2;
            while (i + 4 <= b.length && (b[i] & 0xff) == 0xFF) {
                int marker = b[i + 1] & 0xff;
                int len = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
                if (marker == 0xDA || len < 2) return 1; // start of scan: no EXIF before the pixels
                int seg = i + 4;
                if (marker == 0xE1 && seg + 6 <= b.length && b[seg] == 'E' && b[seg + 1] == 'x' && b[seg + 2] == 'i' && b[seg + 3] == 'f') {
                    return tiffOrientation(b, seg + 6, Math.min(b.length, i + 2 + len));
                }
                i += 2 + len;
            }
        } catch (RuntimeException malformed) {
            // fall through: treat as upright
        }
        return 1;
    }

    private static int tiffOrientation(byte[] b, int tiff, int end) {
        boolean little = b[tiff] == 'I';
        int ifd = tiff + u32(b, tiff + 4, little);
        int entries = u16(b, ifd, little);
        for (int e = 0; e < entries; e++) {
            int at = ifd + 2 + e * 12;
            if (at + 12 > end) return 1;
            if (u16(b, at, little) == 0x0112) {
                int v = u16(b, at + 8, little);
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int x = b[at] & 0xff;
        int y = b[at + 1] & 0xff;
        return little ? (y << 8) | x : (x << 8) | y;
    }

    private static int u32(byte[] b, int at, boolean little) {
        return little
                ? (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24
                : (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
