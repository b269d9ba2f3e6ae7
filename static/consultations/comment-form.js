// The wording concerned follows the provision chosen: when the choice changes, the
// field takes the new provision's text, unless the person has written in it.
// Without this script the server fills the field for a provision chosen by a link.
(function () {
  "use strict";
  var select = document.getElementById("id_unit");
  var wording = document.getElementById("id_current_wording");
  var data = document.getElementById("unit-texts");
  if (!select || !wording || !data) {
    return;
  }
  var texts = JSON.parse(data.textContent);
  var filled = texts[select.value] || "";
  select.addEventListener("change", function () {
    var current = wording.value.trim();
    if (current !== "" && current !== filled.trim()) {
      return;
    }
    filled = texts[select.value] || "";
    wording.value = filled;
  });
})();
