package eval

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteText prints the report for a developer: the totals, one line per
// category, and every record the coder got wrong with what it produced.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "suite %s: %d records evaluated (%d skipped), %d exactly right: %.1f%%",
		r.Suite, r.Records, r.Skipped, r.Correct, 100*r.Accuracy)
	if r.Errors > 0 {
		fmt.Fprintf(&b, ", %d coder errors", r.Errors)
	}
	b.WriteString("\n\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "level\tprecision\trecall\tF1\ttp\tfp\tfn")
	for _, l := range []struct {
		name string
		s    Score
	}{
		{"source,target,code", r.Scores.Event},
		{"root code", r.Scores.Root},
		{"countries", r.Scores.Countries},
		{"root+countries", r.Scores.RootCountries},
	} {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%d\t%d\t%d\n", l.name, l.s.Precision, l.s.Recall, l.s.F1, l.s.TP, l.s.FP, l.s.FN)
	}
	tw.Flush()
	b.WriteString("\n")
	tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "category\trecords\tright\taccuracy\tevent F1\troot F1\tcountries F1")
	for _, c := range r.Categories {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f%%\t%.3f\t%.3f\t%.3f\n", c.Name, c.Records, c.Correct, 100*c.Accuracy,
			c.Scores.Event.F1, c.Scores.Root.F1, c.Scores.Countries.F1)
	}
	tw.Flush()
	if len(r.Wrong) > 0 {
		fmt.Fprintf(&b, "\n%d wrong records:\n", len(r.Wrong))
	}
	for _, res := range r.Wrong {
		fmt.Fprintf(&b, "\n%s [%s]\n  %s\n", res.ID, res.Category, res.Text)
		fmt.Fprintf(&b, "  expected: %s\n", tuples(res.Expected))
		var got []string
		for _, p := range res.Produced {
			s := p.Tuple.String()
			if p.Modality != "" && p.Modality != "asserted" {
				s += " (" + string(p.Modality) + ")"
			}
			if p.Verb != "" {
				s += " verb=" + p.Verb
			}
			if p.Pattern != "" {
				s += " pattern=" + p.Pattern
			}
			got = append(got, s)
		}
		if len(got) == 0 {
			fmt.Fprintf(&b, "  produced: nothing\n")
		} else {
			fmt.Fprintf(&b, "  produced: %s\n", strings.Join(got, "\n            "))
		}
		if res.Error != "" {
			fmt.Fprintf(&b, "  error: %s\n", res.Error)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func tuples(ts []Tuple) string {
	if len(ts) == 0 {
		return "no events"
	}
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = t.String()
	}
	return strings.Join(s, "; ")
}
