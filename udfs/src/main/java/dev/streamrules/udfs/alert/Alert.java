package dev.streamrules.udfs.alert;

import java.util.Objects;

/**
 * An alert ready for the sinks: its deterministic id (the Elasticsearch {@code _id} and
 * {@code kibana.alert.uuid}), the host it concerns (the Kafka key) and the alert document as JSON.
 */
public class Alert {

    private String id;
    private String hostId;
    private String ruleId;
    private String document;
    private long detectedAtMillis;

    public Alert() {}

    public Alert(String id, String hostId, String ruleId, String document, long detectedAtMillis) {
        this.id = id;
        this.hostId = hostId;
        this.ruleId = ruleId;
        this.document = document;
        this.detectedAtMillis = detectedAtMillis;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getHostId() {
        return hostId;
    }

    public void setHostId(String hostId) {
        this.hostId = hostId;
    }

    public String getRuleId() {
        return ruleId;
    }

    public void setRuleId(String ruleId) {
        this.ruleId = ruleId;
    }

    public String getDocument() {
        return document;
    }

    public void setDocument(String document) {
        this.document = document;
    }

    public long getDetectedAtMillis() {
        return detectedAtMillis;
    }

    public void setDetectedAtMillis(long detectedAtMillis) {
        this.detectedAtMillis = detectedAtMillis;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Alert)) {
            return false;
        }
        Alert that = (Alert) o;
        return detectedAtMillis == that.detectedAtMillis
                && Objects.equals(id, that.id)
                && Objects.equals(hostId, that.hostId)
                && Objects.equals(ruleId, that.ruleId)
                && Objects.equals(document, that.document);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }

    @Override
    public String toString() {
        return "Alert{" + id + ", host=" + hostId + "}";
    }
}
