"""What the two front ends share: interface words in both languages, CJK line breaking, and
the one boundary where bank text becomes terminal text."""
