"""Test doubles shipped with the package; the product itself never imports them."""
