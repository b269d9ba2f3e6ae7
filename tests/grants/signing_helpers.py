"""Representations, joint offers and PDFs signed with a self-signed certificate."""

from __future__ import annotations

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from ngos.models import Membership, Representation, Representative
from tests.cooperation.factories import UserFactory
from tests.ngos.factories import MembershipFactory, OrganisationFactory


def board(organisation, names: list[tuple[str, str]], *, required: int):
    """A representing organ of ``names`` (first and last name, function), each with an
    account and an approved representative's membership; ``required`` sign together."""
    representation = Representation.objects.create(
        organisation=organisation,
        organ="Zarząd",
        manner="Dwóch członków zarządu działających łącznie."
        if required > 1
        else "Każdy członek zarządu samodzielnie.",
        signatures_required=required,
    )
    people = []
    for position, (name, function) in enumerate(names, start=1):
        first, last = name.split(" ", 1)
        user = UserFactory(first_name=first, last_name=last)
        MembershipFactory(user=user, organisation=organisation, signs=False)
        Representative.objects.create(
            representation=representation,
            name=name,
            function=function,
            user=user,
            position=position,
        )
        people.append(user)
    return people


def partner(name: str = "Iskra"):
    return OrganisationFactory(name=name)


def upload(name: str, content: bytes, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def plain_pdf(text: str = "Oferta") -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Title": text})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def signed_pdf(
    signer_name: str = "Jan Kowalski", content: bytes | None = None
) -> bytes:
    """A PDF signed (PAdES, by pyHanko) with a self-signed certificate made here."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, signer_name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(
            certificate.public_bytes(serialization.Encoding.DER)
        ),
        signing_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        ),
        cert_registry=SimpleCertificateStore(),
    )
    source = io.BytesIO(content or plain_pdf())
    signed = signers.sign_pdf(
        IncrementalPdfFileWriter(source),
        signers.PdfSignatureMetadata(field_name="Podpis1"),
        signer=signer,
    )
    return signed.getvalue()


def tampered(data: bytes) -> bytes:
    """The signed PDF with one byte of the signed content changed (its page's size)."""
    at = data.index(b"/MediaBox")
    number = data.index(b"200", at)
    return data[:number] + b"300" + data[number + 3 :]


def approved(user, organisation) -> bool:
    return Membership.objects.filter(
        user=user, organisation=organisation, status=Membership.Status.APPROVED
    ).exists()
