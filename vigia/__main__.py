from vigia.cli import main

main()
