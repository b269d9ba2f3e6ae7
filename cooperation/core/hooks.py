"""The shared machinery's own entries in its registries."""

from .models import GeneratedDocument
from .permissions import has_clerk_powers
from .registry import uploaded_files
from .uploads import FileAccess


def generated_documents_visible_to(user):
    """Stored renders, for clerks: the public reaches each PDF through its own page."""
    documents = GeneratedDocument.objects.all()
    return documents if has_clerk_powers(user) else documents.none()


uploaded_files.add(
    "cooperation.generated-document",
    FileAccess(GeneratedDocument, "file", generated_documents_visible_to),
)
