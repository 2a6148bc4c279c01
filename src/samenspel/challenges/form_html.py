"""Form fields of the challenge page as HTML strings, without the template engine.

The challenge page shows up to five fields in three forms. Through `_field.html` and
Django's widget templates each field cost about a millisecond, more than any query on the
page (issue 2's speed goal). These functions write the same HTML with string formatting:
Django still builds the attributes and values (`build_widget_attrs`, `get_context`), so
required, aria and error attributes stay Django's; only the text is written here. The tests
compare the output with the templates, unbound and with errors.
"""

from django.forms import BoundField, Form
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def _attrs(attrs: dict) -> str:
    # django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name.
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def widget_html(bound: BoundField) -> SafeString:
    """The widget's HTML as Django's input, textarea and select templates write it."""
    widget = bound.field.widget
    attrs = bound.build_widget_attrs({}, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    context = widget.get_context(bound.html_name, bound.value(), attrs)["widget"]
    name = conditional_escape(context["name"])
    template = widget.template_name
    if template == "django/forms/widgets/textarea.html":
        value = conditional_escape(context["value"]) if context["value"] else ""
        html = f'<textarea name="{name}"{_attrs(context["attrs"])}>\n{value}</textarea>'
    elif template == "django/forms/widgets/select.html":
        parts = [f'<select name="{name}"{_attrs(context["attrs"])}>']
        for group_name, options, _index in context["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                parts.append(
                    f'\n  <option value="{conditional_escape(option["value"])}"'
                    f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        html = "".join(parts)
    elif template == "django/forms/widgets/input.html" or getattr(widget, "input_type", None):
        value = context["value"]
        value = "" if value is None else f' value="{conditional_escape(value)}"'
        html = (
            f'<input type="{conditional_escape(context["type"])}" name="{name}"{value}'
            f"{_attrs(context['attrs'])}>"
        )
    else:
        return mark_safe(str(bound))  # noqa: S308 (Django's own rendering)
    return mark_safe(html)  # noqa: S308 (every value above went through conditional_escape)


def field_html(bound: BoundField) -> SafeString:
    """A text, textarea or select field as `challenges/_field.html` writes it."""
    widget_type = bound.widget_type
    if widget_type in ("checkboxselectmultiple", "checkbox"):
        raise ValueError(f"field_html writes no {widget_type} fields")
    errors = bound.errors
    optional = (
        format_html(' <span class="samenspel-muted">({})</span>', _("niet verplicht"))
        if not bound.field.required
        else ""
    )
    help_text = (
        format_html(
            '<div class="utrecht-form-field-description" id="{}_helptext">{}</div>',
            bound.auto_id,
            bound.help_text,
        )
        if bound.help_text
        else ""
    )
    error_text = (
        format_html(
            '<div class="utrecht-form-field-error-message" id="{}_error">{}</div>',
            bound.auto_id,
            mark_safe(" ".join(conditional_escape(error) for error in errors)),  # noqa: S308
        )
        if errors
        else ""
    )
    return format_html(
        '\n<div class="utrecht-form-field{}">\n'
        '  <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="{}">'
        "{}{}</label></div>\n"
        "  {}\n"
        "  {}\n"
        '  <div class="utrecht-form-field__input">{}</div>\n'
        "</div>\n\n",
        " utrecht-form-field--invalid" if errors else "",
        bound.id_for_label,
        bound.label,
        optional,
        help_text,
        error_text,
        widget_html(bound),
    )


def form_errors_html(form: Form) -> SafeString:
    """The alert above a form with errors, as `challenges/_form_errors.html` writes it."""
    if not form.errors:
        return mark_safe("\n")
    return format_html(
        '\n<div class="utrecht-alert utrecht-alert--error" role="alert">'
        '<div class="utrecht-alert__content">\n'
        '  <p class="utrecht-paragraph">{}</p>\n'
        "  {}\n"
        "</div></div>\n\n",
        _("Er is nog niets opgeslagen. Verbeter wat hieronder is aangegeven."),
        format_html_join(
            "", '<p class="utrecht-paragraph">{}</p>', ((e,) for e in form.non_field_errors())
        ),
    )


def form_fields_html(form: Form, *names: str) -> SafeString:
    """A form's error alert, its hidden submission token (if it has one) and these fields."""
    parts = [form_errors_html(form)]
    if "token" in form.fields:
        parts.append(widget_html(form["token"]))
    parts.extend(field_html(form[name]) for name in names)
    return mark_safe("\n        ".join(parts))  # noqa: S308 (each part is safe HTML)
