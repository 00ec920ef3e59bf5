print("sera")
