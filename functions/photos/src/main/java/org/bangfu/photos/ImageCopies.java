package org.bangfu.photos;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * From an uploaded original to the two copies we serve. The copies are drawn from decoded pixels
 * and written as new JPEGs with no metadata at all, so nothing of the original's EXIF (GPS
 * position, camera, time) survives; the EXIF orientation is applied first, so the picture stands
 * the way the phone showed it.
 */
public final class ImageCopies {
    private ImageCopies() {
    }

    public record Copies(byte[] small, byte[] display, int width, int height) {
    }

    /** The file is not an image we read, or is too large once decoded. */
    public static final class Unreadable extends Exception {
        public Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    public static Copies make(byte[] original, int smallPx, int displayPx, long maxPixels) throws Unreadable {
        BufferedImage img = decode(original, displayPx, maxPixels);
        img = orient(img, JpegOrientation.of(original));
        BufferedImage display = fit(img, displayPx);
        BufferedImage small = fit(display, smallPx);
        return new Copies(jpeg(small, 0.8f), jpeg(display, 0.82f), display.getWidth(), display.getHeight());
    }

    private static BufferedImage decode(byte[] bytes, int targetPx, long maxPixels) throws Unreadable {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (in == null || !readers.hasNext()) throw new Unreadable("not an image");
            ImageReader reader = readers.next();
            String format = reader.getFormatName().toLowerCase(java.util.Locale.ROOT);
            if (!format.equals("jpeg") && !format.equals("png")) throw new Unreadable("not a JPEG or PNG: " + format);
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || (long) w * h > maxPixels) throw new Unreadable("too many pixels: " + w + "x" + h);
                ImageReadParam param = reader.getDefaultReadParam();
                // Decode at roughly twice the display size at most: far less memory for a 12-megapixel photo.
                int step = Math.max(1, Math.max(w, h) / (targetPx * 2));
                if (step > 1) param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage img = reader.read(0, param);
                if (img == null) throw new Unreadable("no picture in the file");
                return img;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("cannot decode: " + e.getMessage());
        }
    }

    /** EXIF orientations 1–8 as rotations and mirrors. */
    static BufferedImage orient(BufferedImage img, int orientation) {
        if (orientation <= 1 || orientation > 8) return img;
        int w = img.getWidth();
        int h = img.getHeight();
        boolean swap = orientation >= 5;
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(Math.PI / 2); t.scale(1, -1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.translate(h, w); t.rotate(Math.PI / 2); t.scale(-1, 1); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> { }
        }
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(img, t, null);
        g.dispose();
        return out;
    }

    /** Scaled down (never up) so the longer side is at most {@code px}, in halving steps for a clean result; RGB on white. */
    static BufferedImage fit(BufferedImage img, int px) {
        int w = img.getWidth();
        int h = img.getHeight();
        double scale = Math.min(1.0, (double) px / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        BufferedImage cur = img;
        int cw = w;
        int ch = h;
        do {
            cw = Math.max(tw, cw / 2);
            ch = Math.max(th, ch / 2);
            if (cw < tw * 2 && ch < th * 2) {
                cw = tw;
                ch = th;
            }
            BufferedImage next = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = next.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, cw, ch);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(cur, 0, 0, cw, ch, null);
            g.dispose();
            cur = next;
        } while (cw != tw || ch != th);
        return cur;
    }

    /** A baseline JPEG with no metadata (no JFIF comment, no EXIF). */
    static byte[] jpeg(BufferedImage img, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
