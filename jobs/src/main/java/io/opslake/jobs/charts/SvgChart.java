package io.opslake.jobs.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A hand-written SVG line chart: numbered axes with units and a title, lines (solid or dashed),
 * shaded bands (an interval between a lower and an upper line) and a legend. x and y are plain
 * numbers (the caller picks the unit, e.g. days from the as-of date). The y axis starts at 0, or
 * below it when a value is negative.
 *
 * <p>Hand-written because the charts are few and simple, must be inline SVG with no script (the
 * report is one self-contained file under a {@code default-src 'none'} policy), and the Java
 * charting libraries either draw rasters or pull in a DOM toolkit for SVG. Every text is escaped.
 */
public final class SvgChart {
  private static final int LEFT = 80;
  private static final int RIGHT = 170;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;
  private static final int DEFAULT_WIDTH = 800;
  private static final int DEFAULT_HEIGHT = 420;
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Line> lines = new ArrayList<>();
  private final List<Band> bands = new ArrayList<>();
  private int width = DEFAULT_WIDTH;
  private int height = DEFAULT_HEIGHT;

  public SvgChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /** This chart drawn at {@code width} x {@code height} pixels (default 800 x 420). */
  public SvgChart size(int newWidth, int newHeight) {
    if (newWidth <= LEFT + RIGHT + 40 || newHeight <= TOP + BOTTOM + 40) {
      throw new IllegalArgumentException("chart of " + newWidth + "x" + newHeight + " has no room to plot");
    }
    this.width = newWidth;
    this.height = newHeight;
    return this;
  }

  private record Line(String label, double[] x, double[] y, boolean dashed) {}

  private record Band(String label, double[] x, double[] low, double[] high) {}

  public SvgChart line(String label, double[] x, double[] y, boolean dashed) {
    lines.add(new Line(label, x, y, dashed));
    return this;
  }

  public SvgChart band(String label, double[] x, double[] low, double[] high) {
    bands.add(new Band(label, x, low, high));
    return this;
  }

  public String render() {
    double[] range = range();
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
        + " font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", LEFT, escape(title)));
    axes(svg, range);
    int colour = 0;
    for (Band band : bands) {
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < band.x().length; i++) {
        points.append(point(band.x()[i], band.high()[i], range));
      }
      for (int i = band.x().length - 1; i >= 0; i--) {
        points.append(point(band.x()[i], band.low()[i], range));
      }
      String fill = COLOURS[colour % COLOURS.length];
      svg.append(String.format(Locale.ROOT, "<polygon points=\"%s\" fill=\"%s\" fill-opacity=\"0.2\" stroke=\"none\"/>%n",
          points.toString().strip(), fill));
      legend(svg, colour++, band.label(), fill, "", 10);
    }
    for (Line line : lines) {
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < line.x().length; i++) {
        if (Double.isFinite(line.y()[i])) {
          points.append(point(line.x()[i], line.y()[i], range));
        }
      }
      String stroke = COLOURS[colour % COLOURS.length];
      String dash = line.dashed() ? " stroke-dasharray=\"6,4\"" : "";
      svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"%s/>%n",
          points.toString().strip(), stroke, dash));
      legend(svg, colour++, line.label(), stroke, dash, 2);
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private void axes(StringBuilder svg, double[] range) {
    int plotRight = width - RIGHT;
    int plotBottom = height - BOTTOM;
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", LEFT,
        plotBottom, plotRight, plotBottom));
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", LEFT,
        TOP, LEFT, plotBottom));
    for (int tick = 0; tick <= 5; tick++) {
      double x = range[0] + (range[1] - range[0]) * tick / 5;
      double y = range[2] + (range[3] - range[2]) * tick / 5;
      double px = LEFT + (plotRight - LEFT) * tick / 5.0;
      double py = plotBottom - (plotBottom - TOP) * tick / 5.0;
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px,
          plotBottom + 16, tickLabel(x)));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6,
          py + 4, tickLabel(y)));
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
          LEFT, py, plotRight, py));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
        (LEFT + plotRight) / 2, height - 12, escape(xLabel)));
    svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">%s"
        + "</text>%n", (TOP + plotBottom) / 2, (TOP + plotBottom) / 2, escape(yLabel)));
  }

  private void legend(StringBuilder svg, int index, String label, String colour, String dash, int strokeWidth) {
    int x = width - RIGHT + 12;
    int y = TOP + 10 + 18 * index;
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%d\""
        + " stroke-opacity=\"%s\"%s/>%n", x, y, x + 20, y, colour, strokeWidth, strokeWidth > 2 ? "0.3" : "1", dash));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 26, y + 4, escape(label)));
  }

  private double[] range() {
    double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY, minY = 0, maxY = 0;
    for (Line line : lines) {
      for (int i = 0; i < line.x().length; i++) {
        minX = Math.min(minX, line.x()[i]);
        maxX = Math.max(maxX, line.x()[i]);
        if (Double.isFinite(line.y()[i])) {
          minY = Math.min(minY, line.y()[i]);
          maxY = Math.max(maxY, line.y()[i]);
        }
      }
    }
    for (Band band : bands) {
      for (int i = 0; i < band.x().length; i++) {
        minX = Math.min(minX, band.x()[i]);
        maxX = Math.max(maxX, band.x()[i]);
        minY = Math.min(minY, band.low()[i]);
        maxY = Math.max(maxY, band.high()[i]);
      }
    }
    if (!(minX < maxX)) {
      minX = Double.isFinite(minX) ? minX - 1 : 0;
      maxX = minX + 2;
    }
    double top = maxY > minY ? maxY + (maxY - minY) * 0.05 : minY + 1;
    return new double[] {minX, maxX, minY < 0 ? minY - (top - minY) * 0.05 : 0, top};
  }

  private String point(double x, double y, double[] range) {
    double px = LEFT + (width - RIGHT - LEFT) * (x - range[0]) / (range[1] - range[0]);
    double py = height - BOTTOM - (height - BOTTOM - TOP) * (y - range[2]) / (range[3] - range[2]);
    return String.format(Locale.ROOT, "%.1f,%.1f ", px, py);
  }

  private static String tickLabel(double value) {
    double magnitude = Math.abs(value);
    if (magnitude >= 1e9) {
      return String.format(Locale.ROOT, "%.3gG", value / 1e9);
    }
    if (magnitude >= 1e6) {
      return String.format(Locale.ROOT, "%.3gM", value / 1e6);
    }
    if (magnitude >= 1e4) {
      return String.format(Locale.ROOT, "%.3gk", value / 1e3);
    }
    if (value == Math.rint(value) || magnitude >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    return String.format(Locale.ROOT, magnitude >= 1 ? "%.1f" : "%.2g", value);
  }

  /** {@code text} safe inside SVG/HTML text and attribute values. */
  public static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
