// Shows the readable form of the chosen crontab under the field (django-celery-beat).
"use strict";
(function () {
  const $ = window.django && window.django.jQuery;
  const data = document.getElementById("readable-crontabs");
  if (!$ || !data) { return; }
  const readable = JSON.parse(data.textContent);
  const help = $(".field-crontab .help");
  const original = help.html();
  $(".field-crontab_translation").hide();
  $(".field-crontab").on("change", function () {
    const text = readable[$("#id_crontab").val()] || "";
    help.html(original).append($("<br>"), document.createTextNode(text));
  });
})();
