from crowdskills.cli import main

main()
