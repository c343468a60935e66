package dev.apigw.keyadmin.apikey;

/** Whether a key works now. A rotated key is ACTIVE until its grace period ends, then EXPIRED. */
public enum KeyStatus {
    ACTIVE,
    EXPIRED,
    REVOKED
}
