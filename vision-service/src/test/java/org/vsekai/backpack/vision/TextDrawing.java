package org.vsekai.backpack.vision;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.vsekai.backpack.contracts.vision.BoundingBox;
import org.vsekai.backpack.vision.image.RgbImage;

/** Black text on white at known places, and the ink box of each line (every non-white pixel it drew). */
public record TextDrawing(BufferedImage picture, List<BoundingBox> lines) {

    public static TextDrawing drawn() {
        BufferedImage picture = new BufferedImage(800, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 800, 400);
        g.dispose();
        List<BoundingBox> lines = new ArrayList<>();
        lines.add(draw(picture, "Backpack 2026", new Font(Font.SANS_SERIF, Font.BOLD, 48), 60, 110));
        lines.add(draw(picture, "V-Sekai vision service", new Font(Font.SANS_SERIF, Font.PLAIN, 40), 60, 230));
        lines.add(draw(picture, "camera frames", new Font(Font.SERIF, Font.PLAIN, 36), 420, 340));
        return new TextDrawing(picture, lines);
    }

    private static BoundingBox draw(BufferedImage picture, String text, Font font, int x, int y) {
        BufferedImage alone = new BufferedImage(picture.getWidth(), picture.getHeight(),
                BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = alone.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(font);
        g.setColor(Color.BLACK);
        g.drawString(text, x, y);
        g.dispose();
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int py = 0; py < alone.getHeight(); py++) {
            for (int px = 0; px < alone.getWidth(); px++) {
                if ((alone.getRGB(px, py) >>> 24) != 0) {
                    minX = Math.min(minX, px);
                    maxX = Math.max(maxX, px);
                    minY = Math.min(minY, py);
                    maxY = Math.max(maxY, py);
                }
            }
        }
        Graphics2D onto = picture.createGraphics();
        onto.drawImage(alone, 0, 0, null);
        onto.dispose();
        return new BoundingBox(minX, minY, maxX + 1 - minX, maxY + 1 - minY);
    }

    public RgbImage image() {
        return rgb(picture);
    }

    public BufferedImage crop(BoundingBox box, int margin) {
        int x = (int) box.x() - margin;
        int y = (int) box.y() - margin;
        return picture.getSubimage(x, y, (int) box.width() + 2 * margin, (int) box.height() + 2 * margin);
    }

    public static RgbImage rgb(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] &= 0xFFFFFF;
        }
        return new RgbImage(image.getWidth(), image.getHeight(), pixels);
    }
}
