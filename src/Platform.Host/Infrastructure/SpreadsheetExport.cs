using Microsoft.AspNetCore.Mvc;
using Platform.Features.Imports;

namespace Platform.Host.Infrastructure;

/// <summary>A list exported as the member asked: Excel (« xlsx ») or CSV otherwise, named {name}.xlsx or {name}.csv.</summary>
public static class SpreadsheetExport
{
    public static FileContentResult File(string? format, string name, string sheet, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows) =>
        format == "xlsx"
            ? new FileContentResult(Xlsx.Write(sheet, header, rows), Xlsx.ContentType) { FileDownloadName = name + ".xlsx" }
            : new FileContentResult(Csv.Write(header, rows), "text/csv; charset=utf-8") { FileDownloadName = name + ".csv" };
}
