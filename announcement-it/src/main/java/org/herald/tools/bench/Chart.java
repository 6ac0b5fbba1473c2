package org.herald.tools.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Draws messages per second over time as an SVG line chart, one line per series, so a person can
 * look at a run rather than read it.
 */
final class Chart {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 360;
    private static final int MARGIN = 50;
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"};

    /** One line: a name and a count per second from the start. */
    record Series(String name, int[] perSecond) {
    }

    private Chart() {
    }

    static String svg(String title, List<Series> series) {
        int seconds = series.stream().mapToInt(s -> s.perSecond().length).max().orElse(1);
        int peak = series.stream().flatMapToInt(s -> Arrays.stream(s.perSecond()))
                .max().orElse(1);
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d'"
                        + " font-family='sans-serif' font-size='12'>%n"
                        + "<rect width='100%%' height='100%%' fill='white'/>%n"
                        + "<text x='%d' y='20' font-size='14'>%s</text>%n",
                WIDTH, HEIGHT, MARGIN, escape(title)));
        axes(svg, seconds, peak);
        for (int index = 0; index < series.size(); index++) {
            line(svg, series.get(index), seconds, peak, COLOURS[index % COLOURS.length], index);
        }
        return svg.append("</svg>\n").toString();
    }

    private static void axes(StringBuilder svg, int seconds, int peak) {
        int bottom = HEIGHT - MARGIN;
        svg.append(String.format(Locale.ROOT,
                "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>%n"
                        + "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>%n"
                        + "<text x='%d' y='%d'>0</text><text x='%d' y='%d'>%d msg/s</text>%n"
                        + "<text x='%d' y='%d'>%d s</text>%n",
                MARGIN, bottom, WIDTH - MARGIN, bottom, MARGIN, bottom, MARGIN, MARGIN,
                MARGIN - 15, bottom + 4, 5, MARGIN - 5, peak,
                WIDTH - MARGIN - 20, bottom + 20, seconds));
    }

    private static void line(StringBuilder svg, Series series, int seconds, int peak,
            String colour, int index) {
        StringBuilder points = new StringBuilder();
        int[] values = series.perSecond();
        for (int second = 0; second < values.length; second++) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(second, seconds),
                    y(values[second], peak)));
        }
        svg.append(String.format(Locale.ROOT,
                "<polyline fill='none' stroke='%s' stroke-width='2' points='%s'/>%n"
                        + "<text x='%d' y='%d' fill='%s'>%s</text>%n",
                colour, points.toString().trim(), WIDTH - MARGIN - 200, MARGIN + 16 * index,
                colour, escape(series.name())));
    }

    private static double x(int second, int seconds) {
        return MARGIN + (WIDTH - 2.0 * MARGIN) * second / Math.max(1, seconds - 1);
    }

    private static double y(int value, int peak) {
        return HEIGHT - MARGIN - (HEIGHT - 2.0 * MARGIN) * value / Math.max(1, peak);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;");
    }
}
