package org.sluice.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void withoutParametersThePageIsTheFirstHundred() {
        assertEquals(new Paging(0, 100), Paging.of(null, null));
        assertEquals(new Paging(0, 100), Paging.of("", " "));
    }

    @Test
    void givenValuesWithinTheBoundsAreTaken() {
        assertEquals(new Paging(2000, 1000), Paging.of("2000", "1000"));
        assertEquals(new Paging(0, 1), Paging.of("0", "1"));
    }

    @Test
    void negativeHugeOrNonNumericValuesAreRefusedNamingTheParameterAndItsRange() {
        assertEquals(
                "query parameter offset='-1' must be a whole number, 0 or more", error(() -> Paging.of("-1", null)));
        assertEquals(
                "query parameter limit='1001' must be a whole number, 1 to 1000", error(() -> Paging.of(null, "1001")));
        assertEquals("query parameter limit='0' must be a whole number, 1 to 1000", error(() -> Paging.of(null, "0")));
        assertEquals(
                "query parameter limit='abc' must be a whole number, 1 to 1000", error(() -> Paging.of(null, "abc")));
        assertEquals(
                "query parameter offset='99999999999' must be a whole number, 0 or more",
                error(() -> Paging.of("99999999999", null)));
        assertTrue(error(() -> Paging.of("9".repeat(100), null))
                .contains("'9999999999999999999999999999999999999999...'"));
    }

    @Test
    void otherParameterNamesAndBoundsForOlderLists() {
        assertEquals(new Paging(5, 1000), Paging.of("first", "5", "max", null, 1000, 10_000));
        assertEquals(
                "query parameter max='10001' must be a whole number, 1 to 10000",
                error(() -> Paging.of("first", null, "max", "10001", 1000, 10_000)));
    }

    private static String error(Runnable call) {
        return assertThrows(Paging.InvalidQueryParameterException.class, call::run)
                .getMessage();
    }
}
