"""A person's account: sign-up and log-in (allauth), the account page, personal data."""
