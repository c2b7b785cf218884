from vigia.cli.main import main

main()
