from enforcement_tracker.cli import main

main()
