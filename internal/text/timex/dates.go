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

// resolveYear picks the year for month m, day d without one in the text:
// the year putting the date nearest to and not after the anchor, or, when
// the sentence looks forward, on or after it if that is under six months
// ahead. It reports false when that day does not exist in the chosen year
// (February 29 outside leap years).
func resolveYear(a chronicle.Date, m, d int, future bool) (int, bool) {
	y := a.Year
	if future {
		for _, yy := range [2]int{y, y + 1} {
			if v, ok := makeDate(yy, m, d); ok && !v.Before(a) && v.Before(a.AddDays(183)) {
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

// isPast reports whether the whole period of e lies before anchor.
func isPast(e Expr, anchor chronicle.Date) bool {
	if anchor.IsZero() || e.Value.IsZero() {
		return false
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
	if !e.Until.IsZero() && last.Before(e.Until) {
		last = e.Until
	}
	return last.Before(anchor)
}
