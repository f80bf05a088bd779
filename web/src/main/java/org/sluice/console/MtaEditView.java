package org.sluice.console;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.regex.Pattern;
import org.sluice.delivery.boundary.ConnectionChecks;
import org.sluice.delivery.control.SmtpGreetingCheck;
import org.sluice.mta.boundary.MtaRegistry;
import org.sluice.mta.entity.Mta;
import org.sluice.mta.entity.MtaLimits;
import org.sluice.mta.entity.TlsMode;

/**
 * One MTA's settings for an admin: add, change, enable or disable, the probe and its thresholds, credentials (the
 * password is write-only: left blank, the stored one stays), and a connection test that shows the server's replies.
 */
@Named
@ViewScoped
public class MtaEditView implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @EJB
    private MtaRegistry registry;

    @EJB
    private ConnectionChecks checks;

    private String nameParameter;
    private boolean existing;
    /** The MTA this page opened: what Save changes and Test connection tests, whatever a request says the name is. */
    private String loadedName;

    private String name;
    private String host;
    private int port = 25;
    private TlsMode tlsMode = TlsMode.NONE;
    private String username;
    private String password;
    private boolean passwordStored;
    private int maxConnections = 4;
    private boolean enabled = true;
    private String probeId;
    private int maxQueueDepth = MtaLimits.DEFAULTS.maxQueueDepth();
    private int queueResumeDepth = MtaLimits.DEFAULTS.queueResumeDepth();
    private double loadPerCpuStop = MtaLimits.DEFAULTS.loadPerCpuStop();
    private double loadPerCpuResume = MtaLimits.DEFAULTS.loadPerCpuResume();
    private double memoryStopPercent = MtaLimits.DEFAULTS.memoryStopPercent();
    private double memoryResumePercent = MtaLimits.DEFAULTS.memoryResumePercent();
    private long spoolMinFreeMb = MtaLimits.DEFAULTS.spoolMinFreeMb();

    private SmtpGreetingCheck.Result check;

    /** Reads the MTA named in {@code ?name=}; a name no MTA has answers 404. */
    public void load() {
        if (nameParameter == null || nameParameter.isBlank()) {
            return;
        }
        Mta mta = registry.byName(nameParameter).orElse(null);
        if (mta == null) {
            NotFound.respond(ConsoleText.message("mta.notFound", nameParameter));
            return;
        }
        existing = true;
        loadedName = mta.getName();
        name = mta.getName();
        host = mta.getHost();
        port = mta.getPort();
        tlsMode = mta.getTlsMode();
        username = mta.getUsername();
        passwordStored = mta.getPassword() != null && !mta.getPassword().isEmpty();
        maxConnections = mta.getMaxConnections();
        enabled = mta.isEnabled();
        probeId = mta.getProbeId();
        MtaLimits l = mta.limits();
        maxQueueDepth = l.maxQueueDepth();
        queueResumeDepth = l.queueResumeDepth();
        loadPerCpuStop = l.loadPerCpuStop();
        loadPerCpuResume = l.loadPerCpuResume();
        memoryStopPercent = l.memoryStopPercent();
        memoryResumePercent = l.memoryResumePercent();
        spoolMinFreeMb = l.spoolMinFreeMb();
    }

    public String save() {
        String trimmed = name == null ? "" : name.strip();
        if (!existing && !VALID_NAME.matcher(trimmed).matches()) {
            Feedback.error("mta.name.invalid");
            return null;
        }
        if (!existing && registry.byName(trimmed).isPresent()) {
            Feedback.error("mta.exists", trimmed);
            return null;
        }
        boolean saved = Feedback.attempt(() -> {
            if (existing) {
                registry.update(loadedName, this::apply);
            } else {
                Mta mta = new Mta(trimmed, host == null ? null : host.strip(), port);
                apply(mta);
                registry.add(mta);
            }
        });
        if (!saved) {
            return null;
        }
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
        Feedback.info("mta.saved", existing ? loadedName : trimmed);
        return "/mtas.xhtml?faces-redirect=true";
    }

    /** Opens an SMTP session with the saved settings; the result is shown below the form. */
    public void testConnection() {
        check = loadedName == null ? null : checks.check(loadedName).orElse(null);
        if (check == null) {
            Feedback.error("mta.saveFirst");
        }
    }

    private void apply(Mta mta) {
        mta.setHost(host == null ? null : host.strip());
        mta.setPort(port);
        mta.setTlsMode(tlsMode);
        mta.setMaxConnections(maxConnections);
        mta.setEnabled(enabled);
        mta.setProbeId(probeId == null || probeId.isBlank() ? null : probeId.strip());
        mta.setUsername(username == null || username.isBlank() ? null : username.strip());
        if (username == null || username.isBlank()) {
            mta.setPassword(null);
        } else if (password != null && !password.isEmpty()) {
            mta.setPassword(password);
        }
        mta.setLimits(new MtaLimits(
                maxQueueDepth,
                queueResumeDepth,
                loadPerCpuStop,
                loadPerCpuResume,
                memoryStopPercent,
                memoryResumePercent,
                spoolMinFreeMb));
    }

    public List<TlsMode> getTlsModes() {
        return List.of(TlsMode.values());
    }

    public SmtpGreetingCheck.Result getCheck() {
        return check;
    }

    public boolean isExisting() {
        return existing;
    }

    public boolean isPasswordStored() {
        return passwordStored;
    }

    public String getNameParameter() {
        return nameParameter;
    }

    public void setNameParameter(String nameParameter) {
        this.nameParameter = nameParameter;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public TlsMode getTlsMode() {
        return tlsMode;
    }

    public void setTlsMode(TlsMode tlsMode) {
        this.tlsMode = tlsMode;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    /** Write-only: the page never shows the stored password. */
    public String getPassword() {
        return null;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getProbeId() {
        return probeId;
    }

    public void setProbeId(String probeId) {
        this.probeId = probeId;
    }

    public int getMaxQueueDepth() {
        return maxQueueDepth;
    }

    public void setMaxQueueDepth(int maxQueueDepth) {
        this.maxQueueDepth = maxQueueDepth;
    }

    public int getQueueResumeDepth() {
        return queueResumeDepth;
    }

    public void setQueueResumeDepth(int queueResumeDepth) {
        this.queueResumeDepth = queueResumeDepth;
    }

    public double getLoadPerCpuStop() {
        return loadPerCpuStop;
    }

    public void setLoadPerCpuStop(double loadPerCpuStop) {
        this.loadPerCpuStop = loadPerCpuStop;
    }

    public double getLoadPerCpuResume() {
        return loadPerCpuResume;
    }

    public void setLoadPerCpuResume(double loadPerCpuResume) {
        this.loadPerCpuResume = loadPerCpuResume;
    }

    public double getMemoryStopPercent() {
        return memoryStopPercent;
    }

    public void setMemoryStopPercent(double memoryStopPercent) {
        this.memoryStopPercent = memoryStopPercent;
    }

    public double getMemoryResumePercent() {
        return memoryResumePercent;
    }

    public void setMemoryResumePercent(double memoryResumePercent) {
        this.memoryResumePercent = memoryResumePercent;
    }

    public long getSpoolMinFreeMb() {
        return spoolMinFreeMb;
    }

    public void setSpoolMinFreeMb(long spoolMinFreeMb) {
        this.spoolMinFreeMb = spoolMinFreeMb;
    }
}
