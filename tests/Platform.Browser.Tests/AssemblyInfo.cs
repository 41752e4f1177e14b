// One browser suite at a time: each test class starts its own host and Chromium, and two of them
// side by side on a 2-core machine made a sign-in miss its 30-second step once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
