// Renders 1,000 convocations one after another (as a burst of scheduling e-mails would) and prints the
// distribution of the time per PDF. Target (issue 11): p95 under 50 ms.
using System.Diagnostics;
using Platform.Features.Appointments;
using Platform.Tenancy.Rules;

const int Count = 1000;
var contact = new ContactRules { Phone = "02 33 57 00 00", Email = "info@santetravail-on.fr", OpeningHours = "Du lundi au vendredi, de 8 h 30 à 12 h et de 13 h 30 à 17 h", Address = "Ouest Normandie (50, 14)" };
ConvocationData Data(int i) => new("SIST Ouest Normandie", "#1D4F91", "#F29100", contact,
    $"Entreprise n° {i}", "12 rue des Acacias, 14000 Caen", $"Jean-Baptiste MARTIN-{i}", new DateOnly(1985, 5, 12), "Périodique",
    new DateTime(2027, 3, 11, 9, 15, 0).AddMinutes(15 * i), "Centre médical de Caen, 3 avenue de la Santé", "Dr Claire Durand",
    "depuis l'espace adhérent, jusqu'à 48 heures avant le rendez-vous", false);

// Warm-up: fonts, JIT.
for (var i = 0; i < 20; i++) ConvocationPdf.Render(Data(i));

var times = new double[Count];
long bytes = 0;
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var total = Stopwatch.StartNew();
for (var i = 0; i < Count; i++)
{
    var sw = Stopwatch.StartNew();
    bytes += ConvocationPdf.Render(Data(i)).Length;
    times[i] = sw.Elapsed.TotalMilliseconds;
}
total.Stop();
var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
Array.Sort(times);
double P(double q) => times[Math.Min(Count - 1, (int)Math.Ceiling(q * Count) - 1)];
Console.WriteLine($"{Count} convocations in {total.Elapsed.TotalSeconds:0.00} s, {bytes / Count / 1024.0:0.0} KB each");
Console.WriteLine($"min {times[0]:0.00} ms  median {P(0.50):0.00} ms  p95 {P(0.95):0.00} ms  p99 {P(0.99):0.00} ms  max {times[^1]:0.00} ms");
// CPU time is what the rendering costs whatever else runs on the machine (wall-clock figures include waiting for a core).
Console.WriteLine($"CPU {cpu.TotalMilliseconds / Count:0.00} ms per convocation (all threads, GC included); machine load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
Console.WriteLine(P(0.95) < 50 ? "p95 < 50 ms: target met" : "p95 >= 50 ms: target NOT met");
