// Tells the console the browser's time zone, so that the server shows times in it (ConsoleTime reads the cookie).
(function () {
    var zone;
    try {
        zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
        return;
    }
    if (zone && /^[A-Za-z0-9_+\-\/]{1,64}$/.test(zone)) {
        document.cookie = "sluice-tz=" + encodeURIComponent(zone) + "; path=/; SameSite=Strict";
    }
})();
