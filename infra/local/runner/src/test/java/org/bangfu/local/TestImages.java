package org.bangfu.local;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** Photos as a phone makes them: a JPEG with an EXIF block holding a GPS position, an orientation and a description. */
final class TestImages {
    /** Text inside the EXIF block; no served image may contain it. */
    static final String EXIF_MARKER = "GPS-SECRET-32.0N-119.6E";

    private TestImages() {
    }

    /** A w×h JPEG (left half red, right half blue) with EXIF: orientation, description, GPS latitude/longitude. */
    static byte[] phoneJpeg(int w, int h, int orientation) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, w / 2, h);
        g.setColor(Color.BLUE);
        g.fillRect(w / 2, 0, w - w / 2, h);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] plain = out.toByteArray();
        byte[] app1 = exif(orientation);
        ByteArrayOutputStream withExif = new ByteArrayOutputStream();
        withExif.write(plain, 0, 2); // SOI
        withExif.writeBytes(app1);
        withExif.write(plain, 2, plain.length - 2);
        return withExif.toByteArray();
    }

    /** APP1 "Exif" segment, little-endian TIFF: IFD0 {Orientation, ImageDescription, GPS IFD pointer}, GPS IFD {LatitudeRef, Latitude, LongitudeRef, Longitude}. */
    private static byte[] exif(int orientation) {
        byte[] desc = (EXIF_MARKER + "\0").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer t = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        t.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        int ifd0 = 8;
        int ifd0Size = 2 + 3 * 12 + 4;
        int descAt = ifd0 + ifd0Size;
        int gpsAt = descAt + desc.length + (desc.length % 2);
        int gpsSize = 2 + 4 * 12 + 4;
        int ratAt = gpsAt + gpsSize;
        t.putShort((short) 3);
        entry(t, 0x0112, 3, 1, orientation);
        entry(t, 0x010E, 2, desc.length, descAt);
        entry(t, 0x8825, 4, 1, gpsAt);
        t.putInt(0);
        t.position(descAt);
        t.put(desc);
        t.position(gpsAt);
        t.putShort((short) 4);
        entry(t, 0x0001, 2, 2, 'N');
        entry(t, 0x0002, 5, 3, ratAt);
        entry(t, 0x0003, 2, 2, 'E');
        entry(t, 0x0004, 5, 3, ratAt + 24);
        t.putInt(0);
        t.position(ratAt);
        for (int v : new int[] {32, 0, 1, 119, 36, 0}) t.putInt(v).putInt(1);
        int tiffLength = t.position();
        ByteArrayOutputStream seg = new ByteArrayOutputStream();
        int len = 2 + 6 + tiffLength;
        seg.write(0xFF);
        seg.write(0xE1);
        seg.write(len >> 8);
        seg.write(len & 0xff);
        seg.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        seg.write(t.array(), 0, tiffLength);
        return seg.toByteArray();
    }

    private static void entry(ByteBuffer t, int tag, int type, int count, int value) {
        t.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
    }

    static BufferedImage decode(byte[] jpeg) {
        try {
            return ImageIO.read(new ByteArrayInputStream(jpeg));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the file has an APP1 (EXIF/XMP) segment or the marker text anywhere. */
    static boolean carriesMetadata(byte[] jpeg) {
        if (new String(jpeg, StandardCharsets.ISO_8859_1).contains(EXIF_MARKER)) return true;
        if (new String(jpeg, StandardCharsets.ISO_8859_1).contains("Exif\0")) return true;
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xFF) {
            int marker = jpeg[i + 1] & 0xff;
            if (marker == 0xDA) return false;
            if (marker == 0xE1) return true;
            i += 2 + (((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff));
        }
        return false;
    }

    /** A multipart/form-data body: the fields in order, then the file as "file" (as a browser posts the form). */
    static byte[] multipart(String boundary, java.util.Map<String, String> fields, String contentType, byte[] file) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        fields.forEach((k, v) -> b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n")
                .getBytes(StandardCharsets.UTF_8)));
        b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"IMG_0001.jpg\"\r\nContent-Type: "
                + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(file);
        b.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }
}
