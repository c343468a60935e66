package dev.apigw.keyadmin.apikey;

/** The replacement key (shown once) and the rotated key with the end of its grace period. */
public record RotationResponse(ApiKeyResponse newKey, ApiKeySummary previousKey) {}
