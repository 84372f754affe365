import type { MessageKey } from "./zh-CN";

export const en = {
  "app.name": "Cunzhan",
  "app.tagline": "Village e-commerce service stations",
  "app.skipToContent": "Skip to content",
  "nav.home": "Home",
  "nav.stations": "Stations",
  "nav.language": "Language",
  "nav.switchTo": "中文",
  "nav.switchToLabel": "Switch to Chinese",
  "footer.about": "Cunzhan helps village service stations sell local produce for farmer households. The commission goes to the village collective, and the books are open to every villager.",
  "footer.county": "{county} · {province}",

  "home.title": "Village service stations of {county}",
  "home.intro": "Buy honeysuckle, daylily, cured pork, scallions and more straight from farmer households in the villages of {county}. Every sale's commission goes to the village collective, pays for the station's upkeep, and is published for villagers to see.",
  "home.stationsHeading": "Service stations",
  "home.stationCount": "{count} stations",
  "home.noStations": "There are no stations yet.",
  "home.metaDescription": "Village e-commerce service stations of {county}: local produce, sold for farmer households, with open collective accounts.",

  "station.village": "Village",
  "station.township": "Township",
  "station.address": "Address",
  "station.openingHours": "Opening hours",
  "station.operator": "Contact",
  "station.phone": "Phone",
  "station.cooperation": "Cooperation",
  "station.notProvided": "Not given",
  "station.backToList": "Back to all stations",
  "station.visit": "Visit station",
  "station.metaDescription": "{station}: the village e-commerce service station of {village}, {township}.",

  "township.town": "Town",
  "township.township": "Township",

  "error.notFound.title": "Page not found",
  "error.notFound.body": "The address may be wrong, or the page no longer exists.",
  "error.forbidden.title": "Not allowed",
  "error.forbidden.body": "You do not have permission to see this page.",
  "error.generic.title": "Something went wrong",
  "error.generic.body": "The service had a problem. Please try again in a moment; if it keeps happening, contact the county e-commerce centre.",
  "error.backHome": "Back to the home page",

  "form.required": "This field is required",
  "form.invalid": "This value is not valid",
} as const satisfies Record<MessageKey, string>;
