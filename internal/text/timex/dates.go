package timex

import (
	"time"

	"github.com/chronicle-dev/chronicle"
)

// daysIn returns the number of days in month m of year y.
func daysIn(y, m int) int {
	switch time.Month(m) {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// makeDate returns the date y-m-d, or false when there is no such day.
func makeDate(y, m, d int) (chronicle.Date, bool) {
	if y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return chronicle.Date{}, false
	}
	return chronicle.Date{Year: y, Month: time.Month(m), Day: d}, true
}

// weekdayOf returns 1 for Monday ... 7 for Sunday.
func weekdayOf(d chronicle.Date) int {
	w := int(d.Time().Weekday())
	if w == 0 {
		return 7
	}
	return w
}

// monday returns the Monday of d's week.
func monday(d chronicle.Date) chronicle.Date { return d.AddDays(1 - weekdayOf(d)) }

// resolveWeekday returns weekday wd (1 = Monday) near anchor a: for dir -1
// the latest strictly before a, for +1 the first strictly after a, for 0
// the latest on or before a, or with future the first on or after it.
func resolveWeekday(a chronicle.Date, wd, dir int, future bool) chronicle.Date {
	back := (weekdayOf(a) - wd + 7) % 7 // days back to the latest on or before a
	switch {
	case dir < 0:
		if back == 0 {
			back = 7
		}
		return a.AddDays(-back)
	case dir > 0:
		fwd := (wd - weekdayOf(a) + 7) % 7
		if fwd == 0 {
			fwd = 7
		}
		return a.AddDays(fwd)
	case future:
		return a.AddDays((wd - weekdayOf(a) + 7) % 7)
	}
	return a.AddDays(-back)
}

// resolveWeekend returns the Saturday of the weekend shift weekends from
// the one "the weekend" means at anchor a: the current weekend when a is a
// Saturday or Sunday, else the latest one (the next one when future).
func resolveWeekend(a chronicle.Date, shift int, future bool) chronicle.Date {
	wd := weekdayOf(a)
	sat := a.AddDays(-((wd - 6 + 7) % 7)) // latest Saturday on or before a
	inWeekend := wd >= 6
	if future && !inWeekend && shift >= 0 {
		sat = sat.AddDays(7)
	}
	switch {
	case shift < 0 && inWeekend:
		sat = sat.AddDays(-7)
	case shift > 0 && (inWeekend || !future):
		sat = sat.AddDays(7)
	}
	return sat
}

// resolveYear picks the year for month m, day d without one in the text,
// given the tense of the sentence (see scanner.tense). Looking back it is
// the year putting the date nearest to and not after the anchor, except
// that a date up to a week ahead stays in the anchor's year: a dateline
// written in a later time zone ("WELLINGTON, Feb 27" on a story dated
// February 26) is not a day of the previous year. Looking
// forward, the date may lie up to six months after the anchor; with no
// cue either way, up to 60 days after it (schedules: "payable April 20"),
// since a story rarely names a day eleven months back without its year.
// It reports false when that day does not exist in the chosen year
// (February 29 outside leap years).
func resolveYear(a chronicle.Date, m, d, tense int) (int, bool) {
	ahead := 7 // datelines in later time zones, late-evening stories
	switch {
	case tense > 0:
		ahead = 183
	case tense == 0:
		ahead = 60
	}
	y := a.Year
	{
		for _, yy := range [2]int{y, y + 1} {
			if v, ok := makeDate(yy, m, d); ok && !v.Before(a) && v.Before(a.AddDays(ahead+1)) {
				return yy, true
			}
		}
	}
	if v, ok := makeDate(y, m, d); ok && !a.Before(v) {
		return y, true
	}
	if m < int(a.Month) || (m == int(a.Month) && d <= a.Day) {
		return y, false // this year's date is not after a but does not exist
	}
	_, ok := makeDate(y-1, m, d)
	return y - 1, ok
}

// resolveMonthYear picks the year for month m named without one: dir -1
// ("last March") the latest such month before the anchor's, +1 ("next
// March") the first after it, 2 ("this March") the anchor's year; with no
// direction, by tense as resolveYear does, allowing six months ahead when
// the sentence looks forward and two with no cue.
func resolveMonthYear(a chronicle.Date, m, dir, tense int) int {
	am := int(a.Month)
	switch dir {
	case -1:
		if m < am {
			return a.Year
		}
		return a.Year - 1
	case 1:
		if m > am {
			return a.Year
		}
		return a.Year + 1
	case 2:
		return a.Year
	}
	ahead := (m - am + 12) % 12
	limit := 0
	switch {
	case tense > 0:
		limit = 6
	case tense == 0:
		limit = 2
	}
	if ahead > 0 && ahead <= limit {
		if m > am {
			return a.Year
		}
		return a.Year + 1
	}
	if m <= am {
		return a.Year
	}
	return a.Year - 1
}

// isPast reports whether the whole period of e lies before anchor.
func isPast(e Expr, anchor chronicle.Date) bool {
	if anchor.IsZero() || e.Value.IsZero() {
		return false
	}
	return e.LastDay().Before(anchor)
}

// LastDay returns the last day the expression covers: the end of its
// range, week, month or year; zero when it has no value.
func (e Expr) LastDay() chronicle.Date {
	if e.Value.IsZero() {
		return chronicle.Date{}
	}
	last := e.Value
	switch e.Precision {
	case chronicle.PrecisionWeek:
		last = e.Value.AddDays(6)
	case chronicle.PrecisionMonth:
		last = chronicle.Date{Year: e.Value.Year, Month: e.Value.Month, Day: daysIn(e.Value.Year, int(e.Value.Month))}
	case chronicle.PrecisionYear:
		last = chronicle.Date{Year: e.Value.Year, Month: time.December, Day: 31}
	}
	if last.Before(e.Until) {
		last = e.Until
	}
	return last
}

// Historical reports whether the expression ends more than a year (365
// days) before anchor: "in 1948", "the 1990s", "the 2006 war", "three
// years ago". The coder uses it for the historical modality; recent past
// ("last month", "in March") is not historical.
func (e Expr) Historical(anchor chronicle.Date) bool {
	if anchor.IsZero() || e.Value.IsZero() {
		return false
	}
	return e.LastDay().Before(anchor.AddDays(-365))
}
