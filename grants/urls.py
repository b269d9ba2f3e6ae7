from django.urls import path

from cooperation.core.cache import public_cache

from . import (
    award_views,
    contract_views,
    initiative_views,
    report_views,
    settlement_views,
    small_grant_views,
    views,
)

# The areas a competition page shows (``cooperation.core.cache``).
AREAS = ("grants", "programme", "ngos")

app_name = "grants"

urlpatterns = [
    path("umowy/", contract_views.my_contracts, name="my-contracts"),
    path("umowy/<int:pk>.pdf", contract_views.contract_pdf, name="contract-pdf"),
    path(
        "umowy/<int:pk>/aneks-<int:number>.pdf",
        contract_views.annex_pdf,
        name="annex-pdf",
    ),
    path(
        "umowy/<int:pk>/nowe-sprawozdanie/",
        report_views.report_open,
        name="report-open",
    ),
    path("sprawozdania/<int:pk>/", report_views.report_detail, name="report-detail"),
    path(
        "sprawozdania/<int:pk>/krok/<int:step>/",
        report_views.report_step,
        name="report-step",
    ),
    path(
        "sprawozdania/<int:pk>/dokumenty/",
        report_views.report_documents,
        name="report-documents",
    ),
    path(
        "sprawozdania/<int:pk>/dokumenty/<int:document>/usun/",
        report_views.report_document_remove,
        name="report-document-remove",
    ),
    path(
        "sprawozdania/<int:pk>/potwierdz/",
        report_views.report_confirm,
        name="report-confirm",
    ),
    path(
        "sprawozdania/<int:pk>/zloz/", report_views.report_submit, name="report-submit"
    ),
    path(
        "konkursy/",
        public_cache(views.competition_list, areas=AREAS),
        name="competition-list",
    ),
    path(
        "konkursy/<int:pk>/",
        # The page shows the settlement of its grants too.
        public_cache(views.competition_detail, areas=(*AREAS, "contracts")),
        name="competition-detail",
    ),
    path(
        "konkursy/<int:pk>/ogloszenie.pdf",
        views.competition_announcement_pdf,
        name="competition-announcement-pdf",
    ),
    path(
        "konkursy/<int:pk>/wyniki.pdf",
        views.competition_results_pdf,
        name="competition-results-pdf",
    ),
    path(
        "konkursy/<int:pk>/protokol.pdf",
        views.competition_protocol_pdf,
        name="competition-protocol-pdf",
    ),
    path("konkursy/<int:pk>/nowa-oferta/", views.offer_start, name="offer-start"),
    path("konkursy/<int:pk>/komisja/", views.committee_home, name="committee"),
    path(
        "konkursy/<int:pk>/rozstrzygniecie/",
        views.competition_decision,
        name="competition-decision",
    ),
    path(
        "konkursy/<int:pk>/protokol/",
        views.competition_protocol,
        name="competition-protocol",
    ),
    path(
        "konkursy/<int:pk>/uzasadnienie/",
        views.reasons_request,
        name="reasons-request",
    ),
    path("oferty/", views.offer_list, name="offer-list"),
    path("oferty/<int:pk>/", views.offer_detail, name="offer-detail"),
    path("oferty/<int:pk>/krok/<int:step>/", views.offer_step, name="offer-step"),
    path("oferty/<int:pk>/zloz/", views.offer_submit, name="offer-submit"),
    path("oferty/<int:pk>/wycofaj/", views.offer_withdraw, name="offer-withdraw"),
    path("oferty/<int:pk>/oferta.pdf", views.offer_pdf, name="offer-pdf"),
    path("oferty/<int:pk>/potwierdz/", views.offer_confirm, name="offer-confirm"),
    path(
        "oferty/<int:pk>/zalaczniki/", views.offer_attachments, name="offer-attachments"
    ),
    path(
        "oferty/<int:pk>/zalaczniki/<int:attachment>/usun/",
        views.offer_attachment_remove,
        name="offer-attachment-remove",
    ),
    path(
        "oferty/<int:pk>/aktualizacja/",
        award_views.offer_update,
        name="offer-update",
    ),
    path(
        "oferty/<int:pk>/aktualizacja/krok/<int:step>/",
        award_views.offer_update_step,
        name="offer-update-step",
    ),
    path(
        "oferty/<int:pk>/aktualizacja/zloz/",
        award_views.offer_update_submit,
        name="offer-update-submit",
    ),
    path(
        "oferty/<int:pk>/aktualizacja.pdf",
        award_views.offer_update_pdf,
        name="offer-update-pdf",
    ),
    path(
        "oferty/<int:pk>/odmowa/",
        award_views.offer_decline,
        name="offer-decline",
    ),
    path("oferty/<int:pk>/ocena/", views.offer_scoring, name="offer-scoring"),
    path(
        "oferty/<int:pk>/ocena-formalna/",
        views.offer_formal_check,
        name="offer-formal-check",
    ),
    path(
        "umowy/<int:pk>/sprawozdanie-<int:report>.pdf",
        settlement_views.report_pdf,
        name="report-pdf",
    ),
    path(
        "umowy/<int:pk>/rozliczenie.pdf",
        settlement_views.settlement_pdf,
        name="settlement-pdf",
    ),
    # Local initiatives (art. 19b-19h).
    path(
        "inicjatywa-lokalna/",
        public_cache(initiative_views.initiative_index, areas=AREAS),
        name="initiative-index",
    ),
    path(
        "inicjatywa-lokalna/przyjete/",
        public_cache(initiative_views.initiative_list, areas=AREAS),
        name="initiative-list",
    ),
    path(
        "inicjatywa-lokalna/wniosek/",
        initiative_views.initiative_apply,
        name="initiative-apply",
    ),
    path(
        "inicjatywa-lokalna/moje/",
        initiative_views.initiative_mine,
        name="initiative-mine",
    ),
    path(
        "inicjatywa-lokalna/<int:pk>/",
        initiative_views.initiative_detail,
        name="initiative-detail",
    ),
    path(
        "inicjatywa-lokalna/<int:pk>/ocena/",
        initiative_views.initiative_assess,
        name="initiative-assess",
    ),
    path(
        "inicjatywa-lokalna/<int:pk>/umowa.pdf",
        initiative_views.initiative_agreement_pdf,
        name="initiative-agreement-pdf",
    ),
    path(
        "inicjatywa-lokalna/<int:pk>/wklad/",
        initiative_views.initiative_contributions,
        name="initiative-contributions",
    ),
    path(
        "inicjatywa-lokalna/<int:pk>/wklad/<int:contribution>/usun/",
        initiative_views.initiative_contribution_remove,
        name="initiative-contribution-remove",
    ),
    path(
        "inicjatywa-lokalna/<int:pk>/dokumenty/",
        initiative_views.initiative_attach,
        name="initiative-attach",
    ),
    path(
        "inicjatywa-lokalna/<int:pk>/dokumenty/<int:document>/usun/",
        initiative_views.initiative_detach,
        name="initiative-detach",
    ),
    path(
        "inicjatywa-lokalna/<int:pk>/zaproszenia/",
        initiative_views.initiative_invite,
        name="initiative-invite",
    ),
    path(
        "inicjatywa-lokalna/zaproszenie/<str:token>/",
        initiative_views.initiative_invitation,
        name="initiative-invitation",
    ),
    path(
        "inicjatywa-lokalna/<int:pk>/rozliczenie.pdf",
        initiative_views.initiative_settlement_pdf,
        name="initiative-settlement-pdf",
    ),
    # Small grants (art. 19a): the public pages, then the NGO's offer.
    path("male-granty/", small_grant_views.small_grant_list, name="small-grant-list"),
    path(
        "male-granty/<int:pk>/",
        small_grant_views.small_grant_detail,
        name="small-grant-detail",
    ),
    path(
        "male-granty/nowa-oferta/",
        small_grant_views.small_grant_start,
        name="small-grant-start",
    ),
    path(
        "male-granty/oferty/<int:pk>/",
        small_grant_views.small_grant_offer,
        name="small-grant-offer",
    ),
    path(
        "male-granty/oferty/<int:pk>/krok/<int:step>/",
        small_grant_views.small_grant_step,
        name="small-grant-step",
    ),
    path(
        "male-granty/oferty/<int:pk>/potwierdz/",
        small_grant_views.small_grant_confirm,
        name="small-grant-confirm",
    ),
    path(
        "male-granty/oferty/<int:pk>/zloz/",
        small_grant_views.small_grant_submit,
        name="small-grant-submit",
    ),
    path(
        "male-granty/uwagi/potwierdz/<str:token>/",
        small_grant_views.small_grant_comment_confirm,
        name="small-grant-comment-confirm",
    ),
    path(
        "male-granty/<int:pk>/oferta.pdf",
        small_grant_views.small_grant_public_pdf,
        name="small-grant-public-pdf",
    ),
    path(
        "male-granty/oferty/<int:pk>/oferta.pdf",
        small_grant_views.small_grant_pdf,
        name="small-grant-pdf",
    ),
]
