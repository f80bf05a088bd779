package org.sluice.console;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Chart.js line-chart configurations (what p:chart takes) built as JSON, so no value is ever pasted into script. */
final class Charts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Charts() {}

    /** One line over time; points with a negative value (unknown) are gaps. */
    static <T> String line(
            String label,
            String color,
            List<T> points,
            java.util.function.Function<T, Instant> at,
            ToDoubleFunction<T> value) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder data = Json.createArrayBuilder();
        for (T p : points) {
            labels.add(ConsoleTime.format(TIME, at.apply(p)));
            double v = value.applyAsDouble(p);
            if (v < 0 || Double.isNaN(v)) {
                data.addNull();
            } else {
                data.add(Math.round(v * 100) / 100.0);
            }
        }
        JsonObjectBuilder dataset = Json.createObjectBuilder()
                .add("label", label)
                .add("data", data)
                .add("borderColor", color)
                .add("backgroundColor", color)
                .add("pointRadius", 0)
                .add("tension", 0.2)
                .add("spanGaps", false);
        return Json.createObjectBuilder()
                .add("type", "line")
                .add(
                        "data",
                        Json.createObjectBuilder()
                                .add("labels", labels)
                                .add("datasets", Json.createArrayBuilder().add(dataset)))
                .add(
                        "options",
                        Json.createObjectBuilder()
                                .add("animation", false)
                                .add("maintainAspectRatio", false)
                                .add(
                                        "scales",
                                        Json.createObjectBuilder()
                                                .add(
                                                        "y",
                                                        Json.createObjectBuilder()
                                                                .add("beginAtZero", true))
                                                .add(
                                                        "x",
                                                        Json.createObjectBuilder()
                                                                .add(
                                                                        "ticks",
                                                                        Json.createObjectBuilder()
                                                                                .add("maxTicksLimit", 8)))))
                .build()
                .toString();
    }
}
