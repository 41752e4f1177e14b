using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Platform.Features.Employees;
using Platform.Features.Imports;
using Platform.Features.Regulation;
using Platform.Features.Workstations;

namespace Platform.Features.Tests;

public sealed class CsvTests
{
    [Fact]
    public void Lines_keep_their_spreadsheet_numbers_quotes_and_trimmed_cells()
    {
        var (header, lines) = Csv.Read("\uFEFFA;B\r\n 1 ; \"deux; trois\"\r\n\r\n;;\r\nx;\"dit \"\"oui\"\"\"\r\n");
        Assert.Equal(["A", "B"], header);
        Assert.Equal([2, 5], lines.Select(l => l.Number));
        Assert.Equal(["1", "deux; trois"], lines[0].Cells);
        Assert.Equal("dit \"oui\"", lines[1].Cell(1));
        Assert.Equal("", lines[1].Cell(7));
    }

    [Fact]
    public void A_file_saved_by_a_French_spreadsheet_in_Windows_1252_keeps_its_accents()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var ansi = Encoding.GetEncoding(1252).GetBytes("Libellé;Électricien");
        Assert.Equal("Libellé;Électricien", Csv.Decode(ansi));
        Assert.Equal("Libellé", Csv.Decode(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Libellé")).ToArray()));
    }

    [Theory]
    [InlineData("Oui", true)]
    [InlineData(" non ", false)]
    [InlineData("", false)]
    [InlineData("peut-être", null)]
    public void Yes_no_cells(string cell, bool? expected) => Assert.Equal(expected, Csv.YesNo(cell));

    [Theory]
    [InlineData("05/07/2023", 2023, 7, 5)]
    [InlineData("5/7/2023", 2023, 7, 5)]
    public void Dates_are_read_day_first(string cell, int y, int m, int d) => Assert.Equal(new DateOnly(y, m, d), Csv.Date(cell));

    [Theory]
    [InlineData("2023-07-05")]
    [InlineData("31/02/2023")]
    [InlineData("hier")]
    public void Other_date_forms_are_refused(string cell) => Assert.Null(Csv.Date(cell));

    [Fact]
    public void Written_files_start_with_a_BOM_and_neutralise_formulas()
    {
        var bytes = Csv.Write(["Nom"], [["=SUM(A1)"], ["Dupont; fils"]]);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains("'=SUM(A1)", text);
        Assert.Contains("\"Dupont; fils\"", text);
    }

    [Fact]
    public void A_shortened_header_still_matches_but_another_file_does_not()
    {
        Assert.True(Csv.HeaderMatches(["Code CSP", "Libellé", .. Enumerable.Repeat("x", 15)], WorkstationCsv.Header, 2));
        Assert.True(Csv.HeaderMatches(["Civilite(Mr", "Prenom", "Nom de naissance", "", "", "", "", "", "", "", ""], EmployeeCsv.NewEmployeesHeader, 3));
        Assert.False(Csv.HeaderMatches(["id", "INS", "Civilite", "", "", "", "", "", "", "", ""], EmployeeCsv.NewEmployeesHeader, 3));
    }
}

public sealed class WorkstationCsvTests
{
    [Fact]
    public void Risk_columns_follow_the_seed_order()
    {
        var line = "526a;Aide-soignant;Non;Oui;Non;Non;Non;Non;Non;Non;Non;Non;Oui;Non;Oui;Non;";
        var (workstations, errors) = WorkstationCsv.Parse(string.Join(';', WorkstationCsv.Header) + "\n" + line);
        Assert.Empty(errors);
        var (number, ws) = Assert.Single(workstations);
        Assert.Equal(2, number);
        Assert.Equal([Risk.NightWork, Risk.Lead, Risk.BiologicalGroup2], ws.Risks.OrderBy(r => r == Risk.NightWork ? 0 : r == Risk.Lead ? 1 : 2));
        Assert.Equal("AIDE-SOIGNANT", ws.Label);
    }

    [Fact]
    public void The_template_reads_back_without_error()
    {
        var (workstations, errors) = WorkstationCsv.Parse(Csv.Decode(WorkstationCsv.Template()));
        Assert.Empty(errors);
        Assert.Equal([Risk.ManualLoadsOver55Kg], Assert.Single(workstations).Workstation.Risks);
    }

    [Fact]
    public void Imported_radiation_and_CACES_may_come_without_their_details()
    {
        var risks = string.Join(';', Enumerable.Range(0, 14).Select(i => i is 4 or 8 ? "Oui" : "Non"));
        var (workstations, errors) = WorkstationCsv.Parse(string.Join(';', WorkstationCsv.Header) + $"\n621a;Chef de chantier;{risks};");
        Assert.Empty(errors);
        Assert.Equal([Risk.IonisingRadiation, Risk.Caces], Assert.Single(workstations).Workstation.Risks.OrderByDescending(r => r == Risk.IonisingRadiation));
    }
}

public sealed class EmployeeRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static EmployeeDraft Draft(string? ins = null, string civility = "Monsieur", string birth = "1985-05-12", string contract = "CDI", string start = "2020-01-01") =>
        new(civility, "Jean", "Dupont", null, DateOnly.Parse(birth), ins, contract, DateOnly.Parse(start));

    [Theory]
    [InlineData("M.", "Monsieur")]
    [InlineData("Mr", "Monsieur")]
    [InlineData("madame", "Madame")]
    [InlineData("Mme", "Madame")]
    [InlineData("Docteur", null)]
    public void Civility_is_spelt_out(string value, string? expected) => Assert.Equal(expected, EmployeeRules.Civility(value));

    [Fact]
    public void The_INS_must_agree_with_sex_and_birth_month()
    {
        Assert.Empty(EmployeeRules.Check(Draft("1 85 05 75 108 123 80"), Today, false).Errors);
        Assert.Equal("INS_MISMATCH", Assert.Single(EmployeeRules.Check(Draft("185057510812380", birth: "1985-06-12"), Today, false).Errors).Code);
        Assert.Equal("INS_MISMATCH", Assert.Single(EmployeeRules.Check(Draft("185057510812380", civility: "Madame"), Today, false).Errors).Code);
        Assert.Equal("INVALID_INS", Assert.Single(EmployeeRules.Check(Draft("185057510812381"), Today, false).Errors).Code);
    }

    [Fact]
    public void Dates_must_make_sense()
    {
        Assert.Equal("TOO_YOUNG", Assert.Single(EmployeeRules.Check(Draft(birth: "2015-01-01", start: "2026-01-01"), Today, false).Errors).Code);
        Assert.Equal("INVALID_START_DATE", Assert.Single(EmployeeRules.Check(Draft(birth: "2010-01-01", start: "2020-01-01"), Today, false).Errors).Code);
        Assert.Equal("INVALID_START_DATE", Assert.Single(EmployeeRules.Check(Draft(start: "2028-01-01"), Today, false).Errors).Code);
    }

    [Fact]
    public void Temp_worker_accounts_only_take_temp_contracts()
    {
        Assert.Equal("TEMP_CONTRACT_ONLY", Assert.Single(EmployeeRules.Check(Draft(contract: "CDI"), Today, true).Errors).Code);
        Assert.Equal("CDI intérim", EmployeeRules.Check(Draft(contract: "cdi interim"), Today, true).Employee!.Contract);
    }

    [Fact]
    public void The_sort_name_ignores_accents_and_case() =>
        Assert.Equal("EMERY ELODIE", EmployeeRules.SortName("Émery", "Élodie"));
}

public sealed class XlsxTests
{
    [Fact]
    public void The_workbook_is_a_valid_package_with_the_rows_as_text()
    {
        var bytes = Xlsx.Write("Salariés", ["Nom", "INS"], [["Dupont & fils", "1 85 05"], ["<b>", null]]);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        Assert.NotNull(zip.GetEntry("[Content_Types].xml"));
        Assert.NotNull(zip.GetEntry("xl/workbook.xml"));
        using var sheet = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
        var xml = XDocument.Load(sheet);
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var cells = xml.Descendants(ns + "c").Select(c => ((string?)c.Attribute("r"), c.Descendants(ns + "t").Single().Value)).ToList();
        Assert.Equal([("A1", "Nom"), ("B1", "INS"), ("A2", "Dupont & fils"), ("B2", "1 85 05"), ("A3", "<b>"), ("B3", "")], cells);
        Assert.Equal("AA", Xlsx.Column(26));
    }
}
