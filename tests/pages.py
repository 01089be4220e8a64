"""Fictional scraped news pages for the API tests, and what any sane cleaner must do with them."""
from pathlib import Path

HARBOUR = """Skip to main content
Home | News | Sport | Business | Culture | Weather | Contact
We use cookies to improve your experience on our site. By continuing to browse you agree to our use of cookies. Accept | Manage settings

New footbridge opens across the River Alder

By Priya Raman, Local Affairs Reporter
Published 3 June 2025
Share on Facebook | Twitter | Email

A new footbridge across the River Alder opened to the public on Saturday morning, linking the town centre with the housing estates on the east bank for the first time in more than forty years.

The steel and timber bridge, which cost 4.2 million pounds, was paid for by the county council and a government fund for walking and cycling routes. Work began in the spring of last year and finished two weeks ahead of schedule.

"People on the east side used to walk a mile and a half to the road bridge just to get to the doctor's surgery," said Helen Marsh, who led the campaign for the crossing. "Today that walk takes five minutes."

The council said it expected around three thousand people to use the bridge every day once the new school on the east bank opens in September.

Sign up for our newsletter
Get the day's top stories in your inbox every morning.

Related stories
Town centre parking charges to rise in July
River Alder flood defences finished at last

© 2025 Alder Valley News Ltd. All rights reserved.
Privacy Policy | Terms of Use | Cookie Settings
"""

TECH = """Menu
Search
Technology
Science
Health
Subscribe now

Regional bank to close thirty branches as customers move online

Advertisement

Northgate Bank said on Wednesday that it would close thirty of its branches across the region by the end of next year, blaming a steep fall in the number of customers who visit them in person.

The bank said that fewer than one in ten of its customers had been inside a branch in the past twelve months, while the number using its mobile app had almost doubled since 2021.

Unions said the closures would put around four hundred jobs at risk. The bank said it hoped most staff could move to other roles and that it would keep a mobile service running in the villages that lose their only branch.

Consumer groups warned that older customers and small shops that still handle a lot of cash would be hit hardest by the decision.

Share on Facebook | Twitter | LinkedIn
Sign up for our newsletter
Most popular
1. Ten gadgets worth buying this summer
2. Why your phone battery drains so fast
Follow us on Twitter and Instagram
© 2025 Daily Ledger Media. All rights reserved.
"""

GERMAN = """Zum Inhalt springen
Startseite | Politik | Wirtschaft | Sport | Kultur
Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten. Alle akzeptieren | Einstellungen

Stadt plant neue Straßenbahnlinie zum Flughafen

Die Stadt will bis zum Jahr 2030 eine neue Straßenbahnlinie vom Hauptbahnhof bis zum Flughafen bauen. Das hat der Stadtrat am Dienstagabend mit großer Mehrheit beschlossen.

Die Strecke soll rund zwölf Kilometer lang werden und neun neue Haltestellen bekommen. Die Kosten werden derzeit auf etwa 380 Millionen Euro geschätzt, von denen der Bund einen großen Teil übernehmen soll.

Anwohner in den Stadtteilen entlang der geplanten Strecke hatten in den vergangenen Monaten Bedenken wegen des Lärms geäußert. Die Verkehrsbetriebe versprachen, die Gleise so zu verlegen, dass die Bahnen möglichst leise fahren.

Auf Facebook teilen | Auf Twitter teilen | Per E-Mail senden
Newsletter abonnieren
© 2025 Stadtanzeiger Medien GmbH. Alle Rechte vorbehalten.
Impressum | Datenschutz | Kontakt
"""

ONLY_ARTICLE = """The village of Brackenholm will get its first public electric vehicle chargers this autumn, the parish council announced on Monday evening.

Six charging points will be installed in the car park behind the village hall, where there is already a cable running from the old telephone exchange that can carry the extra load.

Councillors said the project would cost about forty thousand pounds, most of which would come from a regional grant for rural transport schemes.

Residents who spoke at the meeting welcomed the plan, although several asked whether the chargers would take spaces away from people using the hall for weddings and concerts.

The council said that two of the spaces would be reserved for visitors to the hall on weekend evenings and that the chargers would be switched off during large events.
"""

FRENCH = """Aller au contenu principal
Accueil | Actualités | Économie | Sport | Culture
Nous utilisons des cookies pour améliorer votre expérience. Tout accepter | Paramétrer

La ville ouvre une nouvelle médiathèque dans le quartier de la gare

Publié le 12 mai 2025 à 08h30
Partager sur Facebook | Twitter | Envoyer par e-mail

La nouvelle médiathèque du quartier de la gare a ouvert ses portes samedi matin, après deux ans de travaux et un budget de près de neuf millions d'euros.

Le bâtiment, installé dans une ancienne halle aux marchandises, accueille plus de quarante mille livres, une salle de concert et un atelier où les habitants peuvent réparer leurs appareils électroniques.

« Nous voulions un lieu ouvert à tous, où l'on vient aussi bien pour lire que pour se retrouver », a expliqué l'adjointe chargée de la culture lors de l'inauguration.

Inscrivez-vous à notre newsletter
© 2025 Le Courrier du Val. Tous droits réservés.
Mentions légales | Politique de confidentialité | Contact
"""
HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Council approves new cycle lanes on Station Road | Riverside Post</title>
</head>
<body>
<header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. <a href="/cookies">Accept all</a></div>
</header>
<main>
<article>
<h1>Council approves new cycle lanes on Station Road</h1>
<p class="byline">By Tom Okafor</p>
<p>Riverside council has approved plans for protected cycle lanes along the whole length of Station Road, after a year of consultation with residents and local businesses.</p>
<p>The lanes will be separated from traffic by a low kerb and will run from the railway station to the edge of the town centre, a distance of about two kilometres.</p>
<p>Work is due to start in September and should take around five months. The council said the road would stay open to traffic throughout, with temporary lights at the busiest junctions.</p>
<p>Shop owners on Station Road had asked for loading bays to be kept, and the final plan includes four of them, placed between the lanes and the pavement.</p>
</article>
</main>
<footer>
<p>Share on Facebook | Twitter</p>
<p>Sign up for our newsletter</p>
<p>&copy; 2025 Riverside Post. All rights reserved.</p>
</footer>
</body>
</html>
"""


def paragraphs(page, min_len=120):
    """The page's long sentence lines: article paragraphs in these hand-written pages."""
    return [l for l in page.splitlines()
            if len(l) >= min_len and not any(w in l.lower() for w in ("cookie", "newsletter"))]


HTML_PARAGRAPHS = [l[3:-4] for l in HTML.splitlines() if l.startswith("<p>") and len(l) > 100]

EXAMPLE = (Path(__file__).resolve().parent.parent / "examples" / "news_page.txt").read_text(encoding="utf-8")

# (name, page, headline, article lines that must stay, chrome lines that must go)
CASES = [
    ("harbour", HARBOUR, "New footbridge opens across the River Alder", paragraphs(HARBOUR), [
        "Skip to main content", "Home | News | Sport | Business | Culture | Weather | Contact",
        "We use cookies to improve your experience on our site. By continuing to browse you agree to our use of cookies. Accept | Manage settings",
        "Share on Facebook | Twitter | Email", "Sign up for our newsletter",
        "© 2025 Alder Valley News Ltd. All rights reserved.", "Privacy Policy | Terms of Use | Cookie Settings"]),
    ("harbour-crlf", HARBOUR.replace("\n", "\r\n"), "New footbridge opens across the River Alder",
     paragraphs(HARBOUR), [
        "Skip to main content", "Share on Facebook | Twitter | Email", "© 2025 Alder Valley News Ltd. All rights reserved."]),
    ("tech", TECH, "Regional bank to close thirty branches as customers move online", paragraphs(TECH), [
        "Menu", "Search", "Subscribe now", "Advertisement", "Share on Facebook | Twitter | LinkedIn",
        "Sign up for our newsletter", "Follow us on Twitter and Instagram",
        "© 2025 Daily Ledger Media. All rights reserved."]),
    ("german", GERMAN, "Stadt plant neue Straßenbahnlinie zum Flughafen", paragraphs(GERMAN), [
        "Zum Inhalt springen",
        "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten. Alle akzeptieren | Einstellungen",
        "Startseite | Politik | Wirtschaft | Sport | Kultur",
        "Auf Facebook teilen | Auf Twitter teilen | Per E-Mail senden", "Newsletter abonnieren",
        "© 2025 Stadtanzeiger Medien GmbH. Alle Rechte vorbehalten.", "Impressum | Datenschutz | Kontakt"]),
    ("french", FRENCH, "La ville ouvre une nouvelle médiathèque dans le quartier de la gare", paragraphs(FRENCH), [
        "Aller au contenu principal",
        "Nous utilisons des cookies pour améliorer votre expérience. Tout accepter | Paramétrer",
        "Accueil | Actualités | Économie | Sport | Culture",
        "Partager sur Facebook | Twitter | Envoyer par e-mail",
        "© 2025 Le Courrier du Val. Tous droits réservés.",
        "Mentions légales | Politique de confidentialité | Contact"]),
    ("example", EXAMPLE, "Ferry service to Gullsand Island to resume after eight-month pause", paragraphs(EXAMPLE), [
        "Skip to main content", "Home | Local | Business | Sport | Opinion | Weather",
        "Watch: council meeting on the ferry contract live from 18:00",
        "Share on Facebook | Share on X | Share on WhatsApp | Copy link | Email",
        "Photo: Jonas Feld / Harbourside Courier", "Follow us on Facebook, Instagram and X",
        "Read also: Island school to get new science wing after years of delays"]
     + [l for l in EXAMPLE.splitlines() if "cookies" in l or "newsletter" in l or l.startswith("©")]),
]
