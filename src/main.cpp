#include <iostream>
int main() { std::cout << "porpoise\n"; }
