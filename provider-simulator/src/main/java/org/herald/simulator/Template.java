package org.herald.simulator;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One language version of a message template, as the WhatsApp Business Account holds it. */
record Template(String id, String name, String language, String status, String category,
        String body) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\d+)}}");

    boolean approved() {
        return "APPROVED".equals(status);
    }

    /** How many body parameters a send must supply: the highest {{n}} in the body. */
    int parameterCount() {
        Matcher matcher = PLACEHOLDER.matcher(body);
        int highest = 0;
        while (matcher.find()) {
            highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
        }
        return highest;
    }

    /** The body text with each {{n}} replaced by parameter n. */
    String render(List<String> parameters) {
        Matcher matcher = PLACEHOLDER.matcher(body);
        StringBuilder rendered = new StringBuilder(body.length() + 64);
        while (matcher.find()) {
            int index = Integer.parseInt(matcher.group(1)) - 1;
            String value = index < parameters.size() ? parameters.get(index) : matcher.group();
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(rendered);
        return rendered.toString();
    }
}
