print("seratui")
