"""Writes the legacy-charset pages the source fetcher tests read. Run: python3 make_pages.py"""

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>Артеріальний тиск</title>
<style>body {{ color: red; }}</style><script>var hidden = "не текст";</script></head>
<body><h1>Артеріальний тиск</h1>
<p>Вимірюйте тиск удома двічі на день протягом тижня.</p>
<p>Нормальний тиск для дорослих нижчий за 120/80 мм рт. ст.</p>
</body></html>
"""

for charset, name in [("windows-1251", "cp1251.html"), ("koi8-u", "koi8u.html")]:
    with open(name, "wb") as handle:
        handle.write(PAGE.format(charset=charset).encode(charset))
