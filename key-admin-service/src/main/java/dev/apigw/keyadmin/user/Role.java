package dev.apigw.keyadmin.user;

public enum Role {
    USER,
    ADMIN
}
