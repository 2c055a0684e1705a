package export

import (
	"bytes"
	"context"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// TestParquetReadsWithArrow reads the export back with Apache Arrow's
// Parquet reader, an implementation independent of the one that wrote it.
func TestParquetReadsWithArrow(t *testing.T) {
	data := export(t, Parquet, fixtureEvents())
	tbl, err := pqarrow.ReadTable(context.Background(), bytes.NewReader(data), nil, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatalf("arrow cannot read the file: %v", err)
	}
	defer tbl.Release()
	if tbl.NumRows() != 3 {
		t.Fatalf("rows = %d, want 3", tbl.NumRows())
	}
	col := func(name string) arrow.Array {
		idx := tbl.Schema().FieldIndices(name)
		if len(idx) != 1 {
			t.Fatalf("no column %q in %v", name, tbl.Schema())
		}
		return tbl.Column(idx[0]).Data().Chunk(0)
	}
	if typ := col("date").DataType().ID(); typ != arrow.DATE32 {
		t.Errorf("date column type = %v, want date32", col("date").DataType())
	}
	if got := col("date").(*array.Date32).Value(0).FormattedString(); got != "2023-11-08" {
		t.Errorf("date[0] = %s", got)
	}
	if got := col("source_code").(*array.String).Value(0); got != "USAGOV" {
		t.Errorf("source_code[0] = %q", got)
	}
	if got := col("goldstein").(*array.Float64).Value(1); got != -10 {
		t.Errorf("goldstein[1] = %v", got)
	}
	if got := col("quad_class").(*array.Int32).Value(2); got != 3 {
		t.Errorf("quad_class[2] = %v", got)
	}
	lat := col("lat").(*array.Float64)
	if !lat.IsNull(2) || lat.Value(1) != 49.98 {
		t.Errorf("lat = %v (want null for the unlocated event)", lat)
	}
}
