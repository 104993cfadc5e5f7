"""HTTP only: parse, call one domain function, render."""
