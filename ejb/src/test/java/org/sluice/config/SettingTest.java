package org.sluice.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettingTest {

    private static final Setting CONNECT_TIMEOUT = Setting.of("sluice.smtp.connect-timeout-millis", "10000");

    @AfterEach
    void clearProperties() {
        System.clearProperty(CONNECT_TIMEOUT.name());
        System.clearProperty("sluice.smtp.connect.timeout.millis");
    }

    @Test
    void anUnsetOrBlankSettingHasItsDefault() {
        assertEquals(10_000, CONNECT_TIMEOUT.longValue(SettingSource.of(Map.of()), 1, "milliseconds"));
        assertEquals(
                10_000,
                CONNECT_TIMEOUT.longValue(SettingSource.of(Map.of(CONNECT_TIMEOUT.name(), "  ")), 1, "milliseconds"));
        assertEquals(Optional.empty(), Setting.of("sluice.public.url").value(SettingSource.of(Map.of())));
        assertEquals(null, Setting.of("sluice.public.url").text(SettingSource.of(Map.of())));
    }

    @Test
    void aBadValueIsRefusedNamingTheSettingTheValueAndWhatIsAllowed() {
        SettingSource words = SettingSource.of(Map.of(CONNECT_TIMEOUT.name(), "ten seconds"));
        SettingSource zero = SettingSource.of(Map.of(CONNECT_TIMEOUT.name(), "0"));
        SettingSource yes = SettingSource.of(Map.of("sluice.bounce.starttls", "yes"));

        assertEquals(
                "sluice.smtp.connect-timeout-millis is 'ten seconds': must be a whole number of milliseconds, 1 or"
                        + " more",
                assertThrows(InvalidSettingException.class, () -> CONNECT_TIMEOUT.longValue(words, 1, "milliseconds"))
                        .getMessage());
        assertEquals(
                "sluice.smtp.connect-timeout-millis is '0': must be a whole number of milliseconds, 1 or more",
                assertThrows(InvalidSettingException.class, () -> CONNECT_TIMEOUT.longValue(zero, 1, "milliseconds"))
                        .getMessage());
        assertEquals(
                "sluice.bounce.starttls is 'yes': must be true or false",
                assertThrows(
                                InvalidSettingException.class,
                                () -> Setting.of("sluice.bounce.starttls", "false")
                                        .flag(yes))
                        .getMessage());
        assertEquals(
                "sluice.ledger.group-size is '3000000000': must be at most 2147483647",
                assertThrows(
                                InvalidSettingException.class,
                                () -> Setting.of("sluice.ledger.group-size", "200")
                                        .intValue(
                                                SettingSource.of(Map.of("sluice.ledger.group-size", "3000000000")),
                                                1,
                                                ""))
                        .getMessage());
    }

    @Test
    void aBadValueUnderAFormerNameIsRefusedNamingTheNameItWasSetUnder() {
        SettingSource former = SettingSource.of(Map.of("sluice.smtp.write.timeout.millis", "soon"));

        assertEquals(
                "sluice.smtp.write.timeout.millis (renamed sluice.smtp.write-timeout-millis) is 'soon': must be a"
                        + " whole number of milliseconds, 1 or more",
                assertThrows(
                                InvalidSettingException.class,
                                () -> Setting.of("sluice.smtp.write-timeout-millis", "60000")
                                        .longValue(former, 1, "milliseconds"))
                        .getMessage());
    }

    @Test
    void valuesAreStrippedExceptWhereAsked() {
        SettingSource padded = SettingSource.of(Map.of("sluice.bounce.password", " secret "));
        Setting password = Setting.of("sluice.bounce.password");

        assertEquals(Optional.of("secret"), password.value(padded));
        assertEquals(Optional.of(" secret "), password.rawValue(padded));
    }

    @Test
    void aFormerNameIsHonouredWithAWarningNamingTheNewOneAndTheNewNameWins() {
        List<String> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger log = Logger.getLogger(Setting.class.getName());
        log.addHandler(handler);
        try {
            Setting readTimeout = Setting.of("sluice.smtp.read-timeout-millis", "60000");
            SettingSource formerOnly = SettingSource.of(Map.of("sluice.smtp.read.timeout.millis", "500"));
            SettingSource both = SettingSource.of(
                    Map.of("sluice.smtp.read.timeout.millis", "500", "sluice.smtp.read-timeout-millis", "700"));

            assertEquals(500, readTimeout.longValue(formerOnly, 1, "milliseconds"));
            assertEquals(500, readTimeout.longValue(formerOnly, 1, "milliseconds"));
            assertEquals(700, readTimeout.longValue(both, 1, "milliseconds"));

            assertEquals(1, warnings.size(), "one warning per former name: " + warnings);
            assertEquals(
                    "sluice.smtp.read.timeout.millis is deprecated: it was renamed sluice.smtp.read-timeout-millis."
                            + " Its value is used for now; set sluice.smtp.read-timeout-millis instead.",
                    warnings.get(0));
        } finally {
            log.removeHandler(handler);
        }
    }

    @Test
    void everyFormerNameMapsToANewNameOfTheScheme() {
        RenamedSettings.all().forEach((former, current) -> {
            assertFalse(former.equals(current), former);
            assertTrue(current.matches("sluice\\.[a-z0-9]+(-[a-z0-9]+)*\\.[a-z0-9]+(-[a-z0-9]+)*"), current);
            assertEquals(List.of(former), RenamedSettings.formerNamesOf(current));
        });
    }

    /** SmallRye Config, as WildFly runs it: system properties are read live, so a change applies at the next read. */
    @Test
    void microProfileConfigSeesASystemPropertyChangedAfterItsFirstRead() {
        SettingSource config = SettingSource.microProfileConfig();
        assertEquals("10000", CONNECT_TIMEOUT.text(config));

        System.setProperty(CONNECT_TIMEOUT.name(), "2500");
        assertEquals("2500", CONNECT_TIMEOUT.text(config));

        System.setProperty(CONNECT_TIMEOUT.name(), "3500");
        assertEquals("3500", CONNECT_TIMEOUT.text(config));

        System.clearProperty(CONNECT_TIMEOUT.name());
        System.setProperty("sluice.smtp.connect.timeout.millis", "4500");
        assertEquals("4500", CONNECT_TIMEOUT.text(config), "the former name, through MicroProfile Config");
    }

    @Test
    void aValueWhoseExpressionDoesNotResolveIsRefusedNamingTheSetting() {
        System.setProperty(CONNECT_TIMEOUT.name(), "${ENC::resolver:abc}");

        InvalidSettingException e = assertThrows(
                InvalidSettingException.class, () -> CONNECT_TIMEOUT.text(SettingSource.microProfileConfig()));

        assertTrue(e.getMessage().startsWith("sluice.smtp.connect-timeout-millis cannot be read: "), e.getMessage());
    }

    @Test
    void anEscapedExpressionIsReadAsWritten() {
        System.setProperty(CONNECT_TIMEOUT.name(), "pa\\${ss");

        assertEquals("pa${ss", CONNECT_TIMEOUT.text(SettingSource.microProfileConfig()));
    }

    /** MicroProfile Config's environment mapping: dots and dashes become underscores, letters upper case. */
    @Test
    void anEnvironmentVariableSetsTheSettingAndASystemPropertyOverridesIt() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(Map.of("SLUICE_SMTP_CONNECT_TIMEOUT_MILLIS", "1234"), 300))
                .build();
        SettingSource env = name -> config.getOptionalValue(name, String.class);
        assertEquals(1234, CONNECT_TIMEOUT.longValue(env, 1, "milliseconds"));

        SmallRyeConfig withProperty = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(Map.of("SLUICE_SMTP_CONNECT_TIMEOUT_MILLIS", "1234"), 300))
                .withSources(new PropertiesConfigSource(Map.of(CONNECT_TIMEOUT.name(), "4321"), "test", 400))
                .build();
        assertEquals(
                4321,
                CONNECT_TIMEOUT.longValue(
                        name -> withProperty.getOptionalValue(name, String.class), 1, "milliseconds"));
    }
}
