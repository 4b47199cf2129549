"""``{% remember "name" key … %}…{% endremember %}``: a page part rendered once per process for
each combination of its keys (apps.memo), like Django's ``{% cache %}`` without a cache service.

The keys must name everything the part shows: a report's part is keyed by its id and
``lock_version``, which every write of the report bumps, so a changed report is simply rendered
again under its new key. Whatever the part reads lazily from the context (a highlighted text,
say) is then not computed at all when the part is remembered.
"""

from __future__ import annotations

from django import template
from django.template.base import FilterExpression, Parser, Token
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe

from apps import memo

register = template.Library()


class RememberNode(template.Node):
    def __init__(self, nodelist: template.NodeList, keys: list[FilterExpression]) -> None:
        self.nodelist = nodelist
        self.keys = keys

    def render(self, context: Context) -> SafeString:
        key = ("fragment", *(k.resolve(context) for k in self.keys))
        return mark_safe(memo.pages.get_or_compute(key, lambda: self.nodelist.render(context)))


@register.tag("remember")
def do_remember(parser: Parser, token: Token) -> RememberNode:
    keys = token.split_contents()[1:]
    if not keys:
        raise template.TemplateSyntaxError("remember 标签至少需要一个键：{% remember 'name' %}")
    nodelist = parser.parse(("endremember",))
    parser.delete_first_token()
    return RememberNode(nodelist, [parser.compile_filter(k) for k in keys])
