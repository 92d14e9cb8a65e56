// Expands every VEVENT series of an .ics with Mozilla's ical.js, the way
// Thunderbird does, and prints one line per occurrence:
//   UID <tab> start in Europe/Helsinki (YYYY-MM-DD HH:MM) <tab> end <tab> STATUS <tab> LOCATION
// Exceptions (EXDATE) are left out and changed dates (RECURRENCE-ID) take
// their own times; the VTIMEZONE of the file is registered first, so the
// local times come from the file itself, not from this machine's zone.
'use strict';
const fs = require('fs');
const ICAL = require('ical.js');

const text = fs.readFileSync(process.argv[2], 'utf8');
const until = ICAL.Time.fromDateTimeString(process.argv[3] || '2019-01-01T00:00:00');
const comp = new ICAL.Component(ICAL.parse(text));
for (const tz of comp.getAllSubcomponents('vtimezone'))
  ICAL.TimezoneService.register(tz);
const helsinki = ICAL.TimezoneService.get('Europe/Helsinki');

const byUid = new Map();
for (const v of comp.getAllSubcomponents('vevent')) {
  const uid = v.getFirstPropertyValue('uid');
  if (!byUid.has(uid)) byUid.set(uid, []);
  byUid.get(uid).push(v);
}
const pad = (n) => String(n).padStart(2, '0');
const local = (t) => {
  if (t.isDate) return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
  const l = t.convertToZone(helsinki);
  return `${l.year}-${pad(l.month)}-${pad(l.day)} ${pad(l.hour)}:${pad(l.minute)}`;
};
const lines = [];
for (const [uid, comps] of byUid) {
  const master = comps.find((c) => !c.hasProperty('recurrence-id'));
  // Only this UID's exceptions: ical.js would relate every
  // RECURRENCE-ID of the calendar otherwise.
  const ev = new ICAL.Event(master, { strictExceptions: true,
    exceptions: comps.filter((c) => c !== master) });
  if (!ev.isRecurring()) {
    lines.push([uid, local(ev.startDate), local(ev.endDate || ev.startDate),
      master.getFirstPropertyValue('status') || '', ev.location || ''].join('\t'));
    continue;
  }
  const it = ev.iterator();
  for (let next = it.next(); next && next.compare(until) < 0; next = it.next()) {
    const o = ev.getOccurrenceDetails(next);
    const item = o.item.component;
    lines.push([uid, local(o.startDate), local(o.endDate),
      item.getFirstPropertyValue('status') || '', o.item.location || ''].join('\t'));
  }
}
process.stdout.write(lines.join('\n') + '\n');
