package org.kybern.apiserver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HealthReportTest {

    @Test
    void allPassingChecksAnswerOk() {
        HealthReport report = new HealthReport("readyz").check("ping", null).check("store", null);
        assertTrue(report.healthy());
        assertEquals("ok", report.render(false));
    }

    @Test
    void verboseListsEveryCheckAsKubernetesDoes() {
        HealthReport report = new HealthReport("readyz").check("ping", null).check("store", null);
        assertEquals("[+]ping ok\n[+]store ok\nreadyz check passed", report.render(true));
    }

    @Test
    void aFailingCheckIsNamedWithItsReason() {
        HealthReport report = new HealthReport("readyz").check("ping", null).check("store", "no store is bound");
        assertFalse(report.healthy());
        assertEquals("[+]ping ok\n[-]store failed: no store is bound\nreadyz check failed", report.render(false));
    }
}
