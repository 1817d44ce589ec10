"""Which catalogue products a message names."""

from __future__ import annotations

from firstline.understanding.shop_text.mentions import ProductMentions


def test_mentions_exact_ambiguous_and_unknown(mentions: ProductMentions) -> None:
    assert mentions.find("Ist die Sony WH-1000XM5 lieferbar?") == ["HP-1001"]
    assert set(mentions.find("Hat der Bosch Serie 4 WLAN?")) == {"DW-1001", "WM-1001", "FR-1001"}
    assert mentions.find("Hat die Bosch Serie 4 Spülmaschine WLAN?") == ["DW-1001"]
    assert mentions.find("Was kostet das iPhone 16 bei MediaMarkt?") == []
    assert mentions.find("the LG OLED") == ["TV-1005"]
    assert mentions.find("I want the WMF kettle") == ["KE-1001"]
    assert mentions.find("DW-1003") == ["DW-1003"]
    assert mentions.find("Ich suche einen Fernseher") == []
