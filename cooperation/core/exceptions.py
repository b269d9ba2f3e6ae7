from django.core.exceptions import ValidationError


class DomainError(Exception):
    """A business rule refused an action.

    ``message`` is translated text meant for the person who asked; ``field`` names
    the form field the rule is about, when there is one, so views can attach the
    message to it without losing what the person typed.
    """

    def __init__(
        self, message: str, *, field: str | None = None, code: str = "invalid"
    ):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    def __str__(self) -> str:
        return str(self.message)

    def as_validation_error(self) -> ValidationError:
        if self.field:
            return ValidationError({self.field: [self.message]}, code=self.code)
        return ValidationError(self.message, code=self.code)


class TransitionNotAllowed(DomainError):
    """A workflow transition that the object's transition table does not allow."""


class PermissionDeniedError(DomainError):
    """The actor may not perform this action on this object."""
